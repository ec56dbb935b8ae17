import { describe, expect, it } from 'vitest';
import { seededRandom } from '../market/random-walk.ts';
import { MaCrossover } from './ma-crossover.ts';
import { Sma } from './sma.ts';
import type { Strategy } from './strategy.ts';
import { flatBars } from '../testing/bars.ts';

const naiveSma = (values: number[], end: number, period: number) => values.slice(end - period + 1, end + 1).reduce((a, b) => a + b, 0) / period;

describe('SMA', () => {
  it('matches the textbook (TA-Lib) definition on a long random series', () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 20_000 }, () => 100 + random() * 50);
    const sma = new Sma(30);
    values.forEach((value, i) => {
      const got = sma.update(value);
      if (i < 29) expect(got).toBeNull();
      else expect(got).toBeCloseTo(naiveSma(values, i, 30), 9);
    });
  });
});

describe('MA crossover', () => {
  it('signals long on the bar the fast average crosses above, flat when it crosses back', () => {
    const strategy: Strategy = new MaCrossover(2, 4);
    const closes = [10, 10, 10, 10, 9, 8, 12, 14, 15, 9, 7, 6];
    const signals = flatBars(closes).map((bar) => strategy.onBar(bar, { qty: 0, avgPx: 0 })?.target ?? null);
    // fast(2)/slow(4) first both exist at bar 3; fast crosses above at bar 6 (12: 10 vs 9.75), below at bar 9 (9: 12 vs 12.5)
    expect(signals).toEqual([null, null, null, null, null, null, 'long', null, null, 'flat', null, null]);
  });
});
