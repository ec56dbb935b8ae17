/** One candlestick as the chart holds it: `time` in epoch seconds (the bar's open). */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

/** lightweight-charts' update() costs O(bars); beyond this many bars the oldest are dropped. */
export const MAX_LIVE_BARS = 5_000;
const TRIM_SLACK = 500;

/** What the series must do after a change: nothing, update its last bar, or take all bars again. */
export type SeriesChange<B extends Bar = Bar> = { kind: 'none' } | { kind: 'update'; bar: B } | { kind: 'reset'; bars: readonly B[] };

/** Bars the chart never received in their final state: `from` (inclusive) to `to` (exclusive), epoch seconds. */
export interface Gap {
  from: number;
  to: number;
}

/**
 * The chart's bars, fed by a coalesced live stream. The engine sends only the latest closed and
 * forming bar at most 20 times a second, so in a fast market bars are skipped; each skip is
 * reported as a gap for the caller to read back from history and `merge`.
 */
export class LiveBars<B extends Bar = Bar> {
  #bars: B[] = [];
  /** Time of the newest bar whose closed (final) state was applied. */
  #finalUpTo = -Infinity;
  readonly #stepSeconds: number;

  constructor(stepSeconds: number) {
    this.#stepSeconds = stepSeconds;
  }

  get bars(): readonly B[] {
    return this.#bars;
  }

  /** History from the store: every bar in it is closed. */
  setHistory(bars: readonly B[]): SeriesChange<B> {
    this.#bars = mergeBars([], bars);
    this.#finalUpTo = this.#bars.at(-1)?.time ?? -Infinity;
    return { kind: 'reset', bars: this.#bars };
  }

  apply(bar: B, closed: boolean): { change: SeriesChange<B>; gap: Gap | null } {
    const last = this.#bars.at(-1);
    if (last && bar.time < last.time) return { change: { kind: 'none' }, gap: null };
    let gap: Gap | null = null;
    if (last && bar.time === last.time) {
      this.#bars[this.#bars.length - 1] = bar;
    } else {
      if (last && (this.#finalUpTo < last.time || bar.time - last.time > this.#stepSeconds)) gap = { from: last.time, to: bar.time };
      this.#bars.push(bar);
    }
    if (closed) this.#finalUpTo = bar.time;
    if (this.#bars.length > MAX_LIVE_BARS + TRIM_SLACK) {
      this.#bars = this.#bars.slice(-MAX_LIVE_BARS);
      return { change: { kind: 'reset', bars: this.#bars }, gap };
    }
    return { change: { kind: 'update', bar }, gap };
  }

  /** Closed bars read back from history (older pages, or a gap's contents); the live last bar is kept. */
  merge(closedBars: readonly B[]): SeriesChange<B> {
    const last = this.#bars.at(-1);
    const fresh = closedBars.filter((b) => !last || b.time < last.time || (b.time === last.time && this.#finalUpTo < last.time));
    if (fresh.length === 0) return { kind: 'none' };
    this.#bars = mergeBars(this.#bars, fresh);
    if (last && fresh.some((b) => b.time === last.time)) this.#finalUpTo = last.time;
    return { kind: 'reset', bars: this.#bars };
  }
}

/** `bars` and `incoming` as one list by time, oldest first; an incoming bar replaces one at the same time. */
export function mergeBars<B extends Bar>(bars: readonly B[], incoming: readonly B[]): B[] {
  const byTime = new Map<number, B>();
  for (const b of bars) byTime.set(b.time, b);
  for (const b of incoming) byTime.set(b.time, b);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
