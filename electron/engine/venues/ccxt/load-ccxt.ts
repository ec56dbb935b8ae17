import type { Exchange } from 'ccxt';

export type CcxtModule = typeof import('ccxt');

let loading: Promise<CcxtModule> | null = null;

/** ccxt costs ~260 ms to import: it is loaded on first use, never on the start-up path. */
export function loadCcxt(): Promise<CcxtModule> {
  loading ??= import('ccxt');
  return loading;
}

/** The exchange class for a ccxt id, or null for an id ccxt does not list (hostile input included). */
export function exchangeClass(ccxt: CcxtModule, exchangeId: string): (new (config: Record<string, unknown>) => Exchange) | null {
  if (!Object.hasOwn(ccxt.exchanges, exchangeId)) return null;
  const found = (ccxt.exchanges as Record<string, unknown>)[exchangeId];
  return typeof found === 'function' ? (found as new (config: Record<string, unknown>) => Exchange) : null;
}
