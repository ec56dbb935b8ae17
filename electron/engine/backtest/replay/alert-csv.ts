import { parse } from 'csv-parse/sync';
import { ALERT_ACTIONS, type AlertAction, type PriceLevel } from '../../../../shared/domain/webhook.ts';
import { fail, type FieldIssue, ok, type Result } from '../../../../shared/errors.ts';
import type { ReplayAlert } from './replay-alert.ts';

const COLUMNS = ['time', 'action', 'stop_loss', 'take_profit', 'qty'] as const;
type Column = (typeof COLUMNS)[number];
/** What TradingView placeholders render besides our own action names. */
const ALIASES: Record<string, AlertAction> = { flat: 'close', exit: 'close' };
const REPORTED_LINES = 20;

const quote = (cell: string) => JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);

/** ISO 8601, epoch seconds (below 1e11) or epoch milliseconds, like the webhook's `time` field. */
function timeOf(cell: string): number | null {
  const n = cell !== '' && Number.isFinite(Number(cell)) ? Number(cell) : null;
  const ms = n !== null ? (n < 1e11 ? n * 1000 : n) : Date.parse(cell);
  return Number.isFinite(ms) && ms >= 0 && ms <= 8.64e15 ? ms : null;
}

/** A price, or a percent away from the entry such as `2%`; blank is no level. */
function levelOf(cell: string): PriceLevel | null | undefined {
  if (cell === '') return null;
  const percent = cell.endsWith('%');
  const n = Number(percent ? cell.slice(0, -1) : cell);
  if (!Number.isFinite(n) || n <= 0 || (percent && n >= 100)) return undefined;
  return percent ? { percent: n } : { price: n };
}

/** The header's columns, or null when the first row is an alert (no header: the columns in the documented order). */
function headerOf(first: string[]): Column[] | null | string {
  if (timeOf(first[0] ?? '') !== null) return null;
  const names = first.map((cell) => cell.toLowerCase().replace(/[\s-]+/g, '_'));
  const unknown = names.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) return `Line 1: unknown column ${quote(unknown[0]!)}; the columns are ${COLUMNS.join(', ')}`;
  if (!names.includes('time') || !names.includes('action')) return 'Line 1: the header needs a time and an action column';
  return names as Column[];
}

/**
 * A CSV of alerts, `time,action[,stop_loss,take_profit,qty]`, with or without that header. Any bad
 * row refuses the whole file, naming each bad line (the first twenty): a replay of half the alerts
 * would answer a different question.
 */
export function parseAlertCsv(text: string): Result<ReplayAlert[]> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, info: true, bom: true }) as unknown as typeof records;
  } catch (error) {
    return fail('INVALID_INPUT', `The alerts file is not valid CSV: ${(error as Error).message.slice(0, 200)}`);
  }
  if (records.length === 0) return fail('INVALID_INPUT', 'The alerts file is empty');
  const header = headerOf(records[0]!.record);
  if (typeof header === 'string') return fail('INVALID_INPUT', header, [{ path: ['source', 'text'], message: header }]);
  const columns = header ?? [...COLUMNS];
  const alerts: ReplayAlert[] = [];
  const issues: FieldIssue[] = [];
  for (const { record, info } of header ? records.slice(1) : records) {
    const cell = (column: Column) => record[columns.indexOf(column)] ?? '';
    const problem = (message: string) => issues.push({ path: ['source', 'text', info.lines], message: `Line ${info.lines}: ${message}` });
    const time = timeOf(cell('time'));
    const action = ALIASES[cell('action').toLowerCase()] ?? (ALERT_ACTIONS as readonly string[]).find((a) => a === cell('action').toLowerCase());
    const stopLoss = levelOf(cell('stop_loss'));
    const takeProfit = levelOf(cell('take_profit'));
    const qty = cell('qty');
    if (record.length > columns.length) problem(`${record.length} cells where ${columns.length} columns are expected`);
    else if (time === null) problem(`time ${quote(cell('time'))} is not an ISO date or epoch seconds or milliseconds`);
    else if (action === undefined) problem(`action ${quote(cell('action'))} is not one of ${ALERT_ACTIONS.join(', ')}`);
    else if (stopLoss === undefined) problem(`stop_loss ${quote(cell('stop_loss'))} must be a price above 0 or a percent such as 2%`);
    else if (takeProfit === undefined) problem(`take_profit ${quote(cell('take_profit'))} must be a price above 0 or a percent such as 4%`);
    else if (qty !== '' && !(Number(qty) > 0 && Number.isFinite(Number(qty)))) problem(`qty ${quote(qty)} must be a number above 0`);
    else alerts.push({ time, action: action as AlertAction, stopLoss, takeProfit });
  }
  if (issues.length > 0) {
    const shown = issues.slice(0, REPORTED_LINES).map((issue) => issue.message);
    const more = issues.length > REPORTED_LINES ? `; and ${issues.length - REPORTED_LINES} more bad lines` : '';
    return fail('INVALID_INPUT', `The alerts file has ${issues.length} bad line${issues.length === 1 ? '' : 's'}, nothing was replayed: ${shown.join('; ')}${more}`, issues.slice(0, REPORTED_LINES));
  }
  if (alerts.length === 0) return fail('INVALID_INPUT', 'The alerts file has a header but no alerts');
  return ok(alerts);
}
