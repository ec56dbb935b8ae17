import { describe, expect, it } from 'vitest';
import { MaCrossover } from './ma-crossover.ts';
import type { Strategy } from './strategy.ts';
import { flatBars } from '../testing/bars.ts';

describe('MA crossover', () => {
  it('signals long on the bar the fast average crosses above, flat when it crosses back', () => {
    const strategy: Strategy = new MaCrossover(2, 4);
    const closes = [10, 10, 10, 10, 9, 8, 12, 14, 15, 9, 7, 6];
    const signals = flatBars(closes).map((bar) => strategy.onBar(bar, { qty: 0, avgPx: 0 })?.target ?? null);
    // fast(2)/slow(4) first both exist at bar 3; fast crosses above at bar 6 (12: 10 vs 9.75), below at bar 9 (9: 12 vs 12.5)
    expect(signals).toEqual([null, null, null, null, null, null, 'long', null, null, 'flat', null, null]);
  });
});
