import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { zoneOffsetMs } from '../../risk/governor/day-boundary.ts';
import { isoWithoutZone } from './iso-time.ts';

/** Offsets change on the hour or half hour (Lord Howe): one look-up per quarter hour is exact and cheap. */
const BUCKET_MS = 15 * 60_000;
const MAX_CACHED = 4096;

const pad = (n: number) => String(n).padStart(2, '0');

function offsetText(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * ISO-8601 wall-clock time in the trader's zone, with its offset (2026-07-01T14:00:00.000+02:00),
 * so the local column is unambiguous across a summer-time change. The zone's offset is looked up
 * once per quarter hour of the export, not once per cell (an export has millions of cells).
 */
export function localTimeFormatter(timeZone: string): Result<(ms: number | null | undefined) => string> {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return fail('INVALID_INPUT', `'${timeZone}' is not a time zone this computer knows (use a name like Europe/Berlin or UTC)`);
  }
  const offsets = new Map<number, { ms: number; text: string }>();
  return ok((ms) => {
    if (ms === null || ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return '';
    const bucket = Math.floor(ms / BUCKET_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      // Bounded, so memory stays flat over years of history; an export in time order revisits few quarters at once.
      if (offsets.size >= MAX_CACHED) offsets.clear();
      const offsetMs = zoneOffsetMs(ms, timeZone);
      offsets.set(bucket, (offset = { ms: offsetMs, text: offsetText(offsetMs) }));
    }
    // The wall clock, then the zone's offset where UTC would have Z.
    return isoWithoutZone(ms + offset.ms) + offset.text;
  });
}
