import type { Candle } from '../../../shared/domain/candle.ts';

/** The open time of the bucket holding `ts`: buckets start on multiples of their length since the epoch, so 4h and 1d start at 00:00 UTC. */
export const bucketStart = (ts: number, bucketMs: number): number => Math.floor(ts / bucketMs) * bucketMs;

/** `into` extended by the later bar `next`: first open, highest high, lowest low, last close, summed volume. */
function extend(into: Candle, next: Candle): Candle {
  return { ts: into.ts, open: into.open, high: Math.max(into.high, next.high), low: Math.min(into.low, next.low), close: next.close, volume: into.volume + next.volume };
}

/**
 * Bars (oldest first, as the store returns them) grouped into buckets of `bucketMs`. A bucket
 * without any bar is left out (no invented flat bar over a gap); the last bucket may be partial.
 */
export function aggregateCandles(bars: readonly Candle[], bucketMs: number): Candle[] {
  const out: Candle[] = [];
  let current: Candle | null = null;
  for (const bar of bars) {
    const ts = bucketStart(bar.ts, bucketMs);
    if (current && current.ts === ts) current = extend(current, bar);
    else {
      if (current) out.push(current);
      current = { ...bar, ts };
    }
  }
  if (current) out.push(current);
  return out;
}

/** An aggregated bar as the live stream sends it: `closed` once the bucket's last base bar closed. */
export interface BucketUpdate {
  candle: Candle;
  closed: boolean;
}

/**
 * Builds the forming bucket from live base bars (1 minute). Closed base bars are added once each;
 * the forming base bar is shown on top of them without being kept, so its repeated updates never
 * count twice. Late bars from an earlier bucket are ignored.
 */
export class LiveBucket {
  readonly #bucketMs: number;
  readonly #baseMs: number;
  #bucket = -Infinity;
  #closedPart: Candle | null = null;
  #closedUpTo = -Infinity;

  constructor(bucketMs: number, baseMs: number) {
    this.#bucketMs = bucketMs;
    this.#baseMs = baseMs;
  }

  /** Closed base bars already stored (oldest first): the part of the current bucket that happened before the stream started. */
  seed(stored: readonly Candle[]): void {
    for (const bar of stored) this.apply(bar, true);
  }

  apply(bar: Candle, closed: boolean): BucketUpdate | null {
    const bucket = bucketStart(bar.ts, this.#bucketMs);
    if (bucket < this.#bucket || bar.ts <= this.#closedUpTo) return null;
    if (bucket > this.#bucket) {
      this.#bucket = bucket;
      this.#closedPart = null;
      this.#closedUpTo = -Infinity;
    }
    const shown: Candle = this.#closedPart ? extend(this.#closedPart, bar) : { ...bar, ts: bucket };
    if (!closed) return { candle: shown, closed: false };
    this.#closedPart = shown;
    this.#closedUpTo = bar.ts;
    return { candle: shown, closed: bar.ts + this.#baseMs >= bucket + this.#bucketMs };
  }
}
