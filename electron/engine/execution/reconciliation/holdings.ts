import type { Mismatch } from '../../../../shared/contract/reconcile.ts';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import type { VenueBalance, VenuePosition } from '../../venues/venue.ts';
import type { Holding } from './account-ledger.ts';
import { roundTo } from '../precision.ts';
import { qty } from './mismatch-words.ts';

export interface HoldingsView {
  accountId: string;
  holdings: readonly Holding[];
  bots: readonly { id: string; symbol: string }[];
  positions: readonly VenuePosition[];
  balances: readonly VenueBalance[];
  instruments: readonly Instrument[];
}

/** ccxt names a derivatives market `BASE/QUOTE:SETTLE`; a spot one has no settle currency. */
export const isDerivative = (symbol: string): boolean => symbol.includes(':');

export const baseOf = (symbol: string, instruments: readonly Instrument[]) => instruments.find((i) => i.symbol === symbol)?.base ?? symbol.split('/')[0] ?? symbol;

/** Summed at 10 decimals, finer than any venue's step: 0.2 + 0.1 is 0.3, not 0.30000000000000004. */
export const sumQty = (quantities: readonly number[]): number => roundTo(quantities.reduce((a, b) => a + b, 0), 10);

/** Two quantities differ when apart by more than half the market's step (or float noise when it is unknown). */
function differ(a: number, b: number, step: number | undefined): boolean {
  return Math.abs(a - b) > (step ? step / 2 : 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
}

const signed = (n: number) => (n > 0 ? `long ${qty(n)}` : n < 0 ? `short ${qty(-n)}` : 'no position');
const byBot = (held: readonly Holding[]) => held.map((h) => `${h.botId}: ${qty(h.netQty)}`).join(', ');

/**
 * Where the venue and our bots disagree about what the account holds: a derivatives position of
 * another size, or less of a spot currency than the bots hold (more is normal: the trader's own
 * funds). Only markets our bots trade or hold are compared; an in-process venue is not asked.
 */
export function holdingMismatches(view: HoldingsView): Mismatch[] {
  const symbols = [...new Set([...view.holdings.map((h) => h.symbol), ...view.bots.map((b) => b.symbol)])].sort();
  const derivatives = symbols.filter(isDerivative).flatMap((symbol) => positionMismatch(view, symbol));
  const bases = [...new Set(symbols.filter((s) => !isDerivative(s)).map((s) => baseOf(s, view.instruments)))];
  return [...derivatives, ...bases.flatMap((base) => balanceMismatch(view, base))];
}

function positionMismatch(view: HoldingsView, symbol: string): Mismatch[] {
  const held = view.holdings.filter((h) => h.symbol === symbol);
  const ours = sumQty(held.map((h) => h.netQty));
  const theirs = view.positions.find((p) => p.symbol === symbol)?.qty ?? 0;
  if (!differ(ours, theirs, view.instruments.find((i) => i.symbol === symbol)?.stepSize)) return [];
  const botIds = [...new Set([...held.map((h) => h.botId), ...view.bots.filter((b) => b.symbol === symbol).map((b) => b.id)])];
  return [
    {
      id: `position:${symbol}`,
      accountId: view.accountId,
      kind: 'position',
      symbol,
      clientOrderId: null,
      ours: held.length === 0 ? `Your bots hold no ${symbol} position` : `Your bots hold ${signed(ours)} ${symbol} (${byBot(held)})`,
      venue: theirs === 0 ? `The venue holds no ${symbol} position` : `The venue holds ${signed(theirs)} ${symbol}`,
      ourQty: ours,
      venueQty: theirs,
      actions: [...(botIds.length > 0 ? (['adopt'] as const) : []), ...(theirs === 0 ? (['mark_closed'] as const) : [])],
      botIds,
    },
  ];
}

function balanceMismatch(view: HoldingsView, base: string): Mismatch[] {
  const spot = (symbol: string) => !isDerivative(symbol) && baseOf(symbol, view.instruments) === base;
  const held = view.holdings.filter((h) => spot(h.symbol));
  const ours = sumQty(held.map((h) => h.netQty));
  const theirs = view.balances.find((b) => b.currency === base)?.total ?? 0;
  const steps = view.instruments.filter((i) => spot(i.symbol)).map((i) => i.stepSize);
  if (ours <= 0 || theirs >= ours || !differ(ours, theirs, steps.length > 0 ? Math.min(...steps) : undefined)) return [];
  const symbols = [...new Set(held.map((h) => h.symbol))].sort();
  const botIds = [...new Set([...held.map((h) => h.botId), ...view.bots.filter((b) => spot(b.symbol)).map((b) => b.id)])];
  return [
    {
      id: `balance:${base}`,
      accountId: view.accountId,
      kind: 'balance',
      symbol: symbols[0] ?? base,
      clientOrderId: null,
      ours: `Your bots hold ${qty(ours)} ${base} (${byBot(held)})`,
      venue: theirs <= 0 ? `The venue account holds no ${base}` : `The venue account holds ${qty(theirs)} ${base}, ${qty(ours - theirs)} ${base} less`,
      ourQty: ours,
      venueQty: theirs,
      actions: ['adopt', ...(theirs <= 0 ? (['mark_closed'] as const) : [])],
      botIds,
    },
  ];
}
