import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Gap } from './live-bars.ts';
import { GapFiller } from './gap-filler.ts';

describe('GapFiller', () => {
  afterEach(() => vi.useRealTimers());

  it('joins the gaps of a fast market into a few reads, one at a time, covering all of them', async () => {
    vi.useFakeTimers();
    const reads: Gap[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const filler = new GapFiller(async (gap) => {
      reads.push(gap);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 100));
      inFlight -= 1;
    });
    // 20 gaps a second for one (simulated) second, 25 bars each.
    for (let i = 0; i < 20; i++) {
      filler.note({ from: i * 25 * 60, to: (i + 1) * 25 * 60 });
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(2000);
    expect(maxInFlight).toBe(1);
    expect(reads.length).toBeLessThanOrEqual(5);
    expect(reads[0]?.from).toBe(0);
    expect(reads.at(-1)?.to).toBe(20 * 25 * 60);
    for (let i = 1; i < reads.length; i++) expect(reads[i]?.from).toBe(reads[i - 1]?.to);
  });

  it('keeps going after a failed read', async () => {
    vi.useFakeTimers();
    const reads: Gap[] = [];
    const filler = new GapFiller(async (gap) => {
      reads.push(gap);
      throw new Error('Cannot send message, WebSocket is not open.');
    });
    filler.note({ from: 0, to: 60 });
    await vi.advanceTimersByTimeAsync(1000);
    filler.note({ from: 60, to: 120 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(reads).toEqual([{ from: 0, to: 60 }, { from: 60, to: 120 }]);
  });
});
