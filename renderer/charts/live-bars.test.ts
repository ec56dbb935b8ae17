import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bar, LiveBars, MAX_LIVE_BARS } from './live-bars.ts';

const STEP = 60;
const TICKS = 4;

/** A market's updates: each bar forms over TICKS ticks, the last one closing it. */
function marketUpdates(closes: number[]): { bar: Bar; closed: boolean }[] {
  return closes.flatMap((close, i) =>
    Array.from({ length: TICKS }, (_, tick) => ({ bar: { time: i * STEP, open: i, high: close + tick, low: i - 1, close: close + tick }, closed: tick === TICKS - 1 })),
  );
}

describe('LiveBars', () => {
  it('ends with exactly the market’s closed bars when whatever the stream skipped is read back from history', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 60 }), fc.nat(5), fc.infiniteStream(fc.boolean()), (closes, historyLength, keeps) => {
        const updates = marketUpdates(closes);
        const closedBars = updates.filter((u) => u.closed).map((u) => u.bar);
        const history = closedBars.slice(0, Math.min(historyLength, closedBars.length - 1));
        const live = new LiveBars(STEP);
        live.setHistory(history);
        const afterHistory = updates.filter((u) => u.bar.time > (history.at(-1)?.time ?? -1));
        // The coalesced stream delivers any subsequence, always ending with the latest state.
        const delivered = afterHistory.filter((u, i) => i === afterHistory.length - 1 || keeps.next().value);
        for (const u of delivered) {
          const { gap } = live.apply(u.bar, u.closed);
          if (gap) live.merge(closedBars.filter((b) => b.time >= gap.from && b.time < gap.to));
        }
        const firstShown = history[0]?.time ?? delivered[0]?.bar.time ?? 0;
        expect(live.bars).toEqual(closedBars.filter((b) => b.time >= firstShown));
      }),
    );
  });

  it('ignores a bar older than the last one, and reports no gap for contiguous closed bars', () => {
    const live = new LiveBars(STEP);
    live.setHistory([{ time: 0, open: 1, high: 1, low: 1, close: 1 }]);
    expect(live.apply({ time: 60, open: 1, high: 2, low: 1, close: 2 }, true)).toMatchObject({ change: { kind: 'update' }, gap: null });
    expect(live.apply({ time: 0, open: 9, high: 9, low: 9, close: 9 }, true)).toMatchObject({ change: { kind: 'none' }, gap: null });
    expect(live.apply({ time: 240, open: 1, high: 1, low: 1, close: 1 }, false).gap).toEqual({ from: 60, to: 240 });
  });

  it('keeps at most MAX_LIVE_BARS plus a slack, dropping the oldest', () => {
    const live = new LiveBars(STEP);
    for (let i = 0; i < MAX_LIVE_BARS * 2; i++) live.apply({ time: i * STEP, open: 1, high: 1, low: 1, close: 1 }, true);
    expect(live.bars.length).toBeLessThanOrEqual(MAX_LIVE_BARS + 500);
    expect(live.bars.at(-1)?.time).toBe((MAX_LIVE_BARS * 2 - 1) * STEP);
  });
});
