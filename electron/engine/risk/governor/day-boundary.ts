/**
 * The daily reset in a trader's time zone: the last reset at or before a moment, and the next one.
 * Offsets come from Intl (the zone database the runtime ships), so summer time is followed.
 */

const DAY_MS = 86_400_000;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, found);
  }
  return found;
}

function localParts(utcMs: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(utcMs)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms (+3,600,000 for Berlin in winter). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const p = localParts(utcMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time happens in the zone. Two passes settle the offset on either side of
 * a change; a time skipped by a spring-forward (02:30 in Berlin on the last Sunday of March, 00:00
 * in Santiago on the first Sunday of September) lands an hour later, when the clocks show it. The
 * two passes then give the wall time read with the offset before and after the change: the later
 * of them, since the earlier one falls before the change (on the day before, for a skipped midnight).
 */
function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  const shown = second + zoneOffsetMs(second, timeZone);
  return shown === wall ? second : Math.max(first, second);
}

function parseHhMm(resetTime: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(resetTime);
  if (!match) throw new Error(`Daily reset time ${resetTime} is not HH:MM`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** The reset on the local calendar day `offsetDays` from the one `utcMs` falls on. */
function resetOnLocalDay(utcMs: number, offsetDays: number, resetTime: string, timeZone: string): number {
  const p = localParts(utcMs, timeZone);
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day) + offsetDays * DAY_MS);
  const { hour, minute } = parseHhMm(resetTime);
  return zonedToUtc(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute, timeZone);
}

/** The last daily reset at or before `utcMs`. */
export function dayStart(utcMs: number, resetTime: string, timeZone: string): number {
  const today = resetOnLocalDay(utcMs, 0, resetTime, timeZone);
  return today <= utcMs ? today : resetOnLocalDay(utcMs, -1, resetTime, timeZone);
}

/** The first daily reset after `utcMs`. */
export function nextReset(utcMs: number, resetTime: string, timeZone: string): number {
  const today = resetOnLocalDay(utcMs, 0, resetTime, timeZone);
  return today > utcMs ? today : resetOnLocalDay(utcMs, 1, resetTime, timeZone);
}

/** `14:02` in the zone, for messages a trader reads. */
export function clockTime(utcMs: number, timeZone: string): string {
  const p = localParts(utcMs, timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
