import type { Gap } from './live-bars.ts';

/** The market stores closed bars once per round (50 ms): reading a gap back a little later finds them. */
const SETTLE_MS = 150;
/** At most a few history reads a second per chart, however fast the market runs. */
const MIN_SPACING_MS = 250;

/**
 * Collects the gaps a chart reports and reads them back in one request at a time: gaps noted
 * while waiting or reading are joined into one range for the next read.
 */
export class GapFiller {
  #owed: Gap | null = null;
  #scheduled = false;
  readonly #read: (gap: Gap) => Promise<void>;

  constructor(read: (gap: Gap) => Promise<void>) {
    this.#read = read;
  }

  note(gap: Gap): void {
    this.#owed = this.#owed ? { from: Math.min(this.#owed.from, gap.from), to: Math.max(this.#owed.to, gap.to) } : gap;
    if (!this.#scheduled) this.#schedule(SETTLE_MS);
  }

  #schedule(ms: number): void {
    this.#scheduled = true;
    setTimeout(() => {
      const gap = this.#owed;
      this.#owed = null;
      if (!gap) {
        this.#scheduled = false;
        return;
      }
      // A failed read (connection lost) is dropped: a reconnection reloads the whole history.
      void this.#read(gap)
        .catch(() => undefined)
        .finally(() => (this.#owed ? this.#schedule(MIN_SPACING_MS) : (this.#scheduled = false)));
    }, ms);
  }
}
