import type { TradeFilter } from '../../../shared/contract/trade-history.ts';
import { ORDER_SOURCES, type OrderSource } from '../../../shared/domain/order.ts';

/** The filter bar's fields as typed: every one a string, empty meaning "any". */
export interface FilterDraft {
  from: string;
  to: string;
  botId: string;
  accountId: string;
  mode: string;
  symbol: string;
  side: string;
  outcome: string;
  pnlMin: string;
  pnlMax: string;
  source: string;
}

export const EMPTY_DRAFT: FilterDraft = { from: '', to: '', botId: '', accountId: '', mode: '', symbol: '', side: '', outcome: '', pnlMin: '', pnlMax: '', source: '' };

const DAY_MS = 86_400_000;

/** A `YYYY-MM-DD` date as the start of that day in UTC (the ledger's days are UTC days), or null. */
function utcDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ts = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ts) && ts >= 0 ? ts : null;
}

function amount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

const isSource = (text: string): text is OrderSource => (ORDER_SOURCES as readonly string[]).includes(text);

/**
 * The draft as the engine's filter, or the reasons it is not one, per field. Dates are whole UTC
 * days: "to" includes the whole of its day.
 */
export function toTradeFilter(draft: FilterDraft): { filter: TradeFilter; errors: Partial<Record<keyof FilterDraft, string>> } {
  const filter: TradeFilter = {};
  const errors: Partial<Record<keyof FilterDraft, string>> = {};
  if (draft.from) {
    const from = utcDay(draft.from);
    if (from === null) errors.from = 'Give a date as YYYY-MM-DD';
    else filter.from = from;
  }
  if (draft.to) {
    const to = utcDay(draft.to);
    if (to === null) errors.to = 'Give a date as YYYY-MM-DD';
    else filter.to = to + DAY_MS - 1;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.to < filter.from) errors.to = 'The end date is before the start date';
  if (draft.botId) filter.botIds = [draft.botId];
  if (draft.accountId.trim()) filter.accountIds = [draft.accountId.trim()];
  if (draft.mode === 'paper' || draft.mode === 'live') filter.mode = draft.mode;
  if (draft.symbol.trim()) filter.symbols = [draft.symbol.trim().toUpperCase()];
  if (draft.side === 'LONG' || draft.side === 'SHORT') filter.side = draft.side;
  if (draft.outcome === 'win' || draft.outcome === 'loss') filter.outcome = draft.outcome;
  for (const key of ['pnlMin', 'pnlMax'] as const) {
    if (!draft[key].trim()) continue;
    const value = amount(draft[key]);
    if (value === null) errors[key] = 'Give a number, such as -25 or 100.5';
    else filter[key] = value;
  }
  if (filter.pnlMin !== undefined && filter.pnlMax !== undefined && filter.pnlMax < filter.pnlMin) errors.pnlMax = 'The maximum P&L is below the minimum';
  if (isSource(draft.source)) filter.sources = [draft.source];
  return { filter, errors };
}
