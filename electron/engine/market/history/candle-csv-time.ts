/** How the file wrote its bar times; one file uses one way throughout. */
export type TimestampUnit = 's' | 'ms' | 'us' | 'iso';

export type ParsedTime = { ts: number; unit: TimestampUnit } | { problem: string };

/** Bars before 1900 or after 2200 are a wrong unit or a typo, never market history. */
const EARLIEST_MS = Date.UTC(1900, 0, 1);
const LATEST_MS = Date.UTC(2200, 0, 1);

/** A cell quoted in a message: enough to find it in the file, never a whole line of it. */
export const excerpt = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** `YYYY-MM-DD`, optionally a time (`T` or a space) with seconds, fractions and a zone; no zone means UTC. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Epoch numbers tell their unit by size: seconds reach 1e11 only in the year 5138, milliseconds
 * pass 1e11 in 1973 and microseconds (Binance's public dumps since 2025) pass 1e14 in 1973.
 */
function unitOfEpoch(value: number): Exclude<TimestampUnit, 'iso'> {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e14) return 'us';
  if (magnitude >= 1e11) return 'ms';
  return 's';
}

const MS_PER: Record<Exclude<TimestampUnit, 'iso'>, number> = { s: 1000, ms: 1, us: 0.001 };

function parseIso(text: string): ParsedTime {
  const match = ISO.exec(text);
  if (!match) return { problem: `time "${excerpt(text)}" is neither an epoch number nor an ISO-8601 date` };
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const year = Number(y);
  const month = Number(mo) - 1;
  const day = Number(d);
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month, day, Number(h), Number(mi), Number(s), millis);
  const check = new Date(utc);
  // Date.UTC rolls 2021-02-30 over to March: a date that does not exist is a typo, not a bar.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month || check.getUTCDate() !== day || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return { problem: `date "${excerpt(text)}" does not exist` };
  }
  return { ts: utc - zoneOffsetMs(zone), unit: 'iso' };
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** One bar time in epoch milliseconds, or why it cannot be one. */
export function parseBarTime(text: string): ParsedTime {
  const parsed = NUMERIC.test(text) ? parseEpoch(Number(text)) : parseIso(text);
  if ('problem' in parsed) return parsed;
  if (parsed.ts < EARLIEST_MS || parsed.ts >= LATEST_MS) {
    return { problem: `time "${excerpt(text)}" is outside 1900-2199 (read as ${unitName(parsed.unit)})` };
  }
  return parsed;
}

/** Below this, a number is a day count, a spreadsheet serial (45292) or YYYYMMDD, not epoch seconds (1973-03-03). */
const SMALLEST_EPOCH_SECONDS = 1e8;

function parseEpoch(value: number): ParsedTime {
  if (!Number.isFinite(value)) return { problem: `time ${value} is not a finite number` };
  if (value >= 0 && value < SMALLEST_EPOCH_SECONDS) {
    return { problem: `time ${value} is too small for epoch seconds (it would be 1970-1973); write dates as YYYY-MM-DD or epoch seconds/milliseconds` };
  }
  const unit = unitOfEpoch(value);
  return { ts: Math.round(value * MS_PER[unit]), unit };
}

export function unitName(unit: TimestampUnit): string {
  return { s: 'seconds', ms: 'milliseconds', us: 'microseconds', iso: 'ISO-8601 dates' }[unit];
}
