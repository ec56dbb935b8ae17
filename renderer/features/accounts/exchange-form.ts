import { CcxtOptionsSchema, CREDENTIAL_LABELS, type CredentialField, type ConnectionTest, type ExchangeInfoView } from '../../../shared/domain/account.ts';

/** The exchanges whose id or name holds the search text (case-insensitive), at most `limit`, the exact id first. */
export function searchExchanges(exchanges: readonly ExchangeInfoView[], query: string, limit = 50): ExchangeInfoView[] {
  const q = query.trim().toLowerCase();
  const found = q === '' ? [...exchanges] : exchanges.filter((e) => e.id.includes(q) || e.name.toLowerCase().includes(q));
  return found.sort((a, b) => Number(b.id === q) - Number(a.id === q) || a.name.localeCompare(b.name)).slice(0, limit);
}

export const credentialLabel = (field: string): string => CREDENTIAL_LABELS[field as CredentialField] ?? field;

/** The advanced options textarea: empty means none; otherwise a JSON object that passes the engine's own check. */
export function parseOptions(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const checked = CcxtOptionsSchema.safeParse(value);
  return checked.success ? { ok: true, value: checked.data } : { ok: false, message: checked.error.issues[0]?.message ?? 'Invalid options' };
}

/** The keys typed into the form; null when none was typed (on edit: keep the stored keys). */
export function typedCredentials(fields: readonly string[], typed: Readonly<Record<string, string>>): Record<string, string> | null {
  const given = Object.fromEntries(fields.map((f) => [f, typed[f]?.trim() ?? '']).filter(([, v]) => v !== ''));
  return Object.keys(given).length > 0 ? given : null;
}

/** "Connected: 1,234 markets. Balances: USDT 150.5 (100.25 free)". */
export function describeConnection({ markets, balances }: ConnectionTest): string {
  const held = balances.filter((b) => b.total !== 0);
  const listed = held.length === 0 ? 'no balances' : held.map((b) => `${b.currency} ${b.total.toLocaleString('en-US', { maximumFractionDigits: 10 })} (${b.free.toLocaleString('en-US', { maximumFractionDigits: 10 })} free)`).join(', ');
  return `Connected: ${markets.toLocaleString('en-US')} markets. Balances: ${listed}.`;
}
