import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomWalk } from './random-walk.ts';
import { TwinFeed } from './twin-feed.ts';

const stdDev = (values: readonly number[]) => {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
};

describe('a twin feed: the same symbol on a second venue', () => {
  it('follows the leader with a gap that settles near the configured size and keeps pulling back to zero', () => {
    const walk = new RandomWalk({ seed: 7, startPx: 65_000, annualVol: 0.6, ticksPerBar: 10 });
    const twin = new TwinFeed({ seed: 8, gapBps: 20, halfLifeSteps: 50 });
    const gaps: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const leader = walk.nextPrice();
      const follower = twin.next(leader);
      gaps.push((follower / leader - 1) * 10_000);
    }
    expect(stdDev(gaps)).toBeGreaterThan(15);
    expect(stdDev(gaps)).toBeLessThan(25);
    expect(Math.abs(gaps.reduce((s, g) => s + g, 0) / gaps.length)).toBeLessThan(5);
    // It comes back: the gap crosses zero again and again, instead of drifting away.
    const crossings = gaps.filter((g, i) => i > 0 && Math.sign(g) !== Math.sign(gaps[i - 1]!)).length;
    expect(crossings).toBeGreaterThan(100);
  });

  it('replays identically from its seed, and a zero gap is the leader itself', () => {
    const run = () => {
      const twin = new TwinFeed({ seed: 3, gapBps: 10, halfLifeSteps: 5 });
      return [100, 101, 99].map((px) => twin.next(px));
    };
    expect(run()).toEqual(run());
    const same = new TwinFeed({ seed: 3, gapBps: 0, halfLifeSteps: 5 });
    expect([1e-6, 100, 1e9].map((px) => same.next(px))).toEqual([1e-6, 100, 1e9]);
  });

  it('never gives a price that is not positive and finite, for any leader price or gap', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0, max: 10_000, noNaN: true }), fc.double({ min: 0.01, max: 1e6, noNaN: true }), fc.array(fc.double({ min: 1e-8, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 50 }), (seed, gapBps, halfLife, prices) => {
        const twin = new TwinFeed({ seed, gapBps, halfLifeSteps: halfLife });
        for (const px of prices) {
          const out = twin.next(px);
          expect(out > 0 && Number.isFinite(out)).toBe(true);
        }
      }),
    );
  });

  it('refuses a negative gap or a half-life that is not positive', () => {
    expect(() => new TwinFeed({ seed: 1, gapBps: -1, halfLifeSteps: 5 })).toThrow('gap of 0 bps or more');
    expect(() => new TwinFeed({ seed: 1, gapBps: 5, halfLifeSteps: Number.NaN })).toThrow('positive half-life');
  });
});
