import { describe, expect, it } from 'vitest';
import { StrategySchema } from '../../../shared/domain/strategy-params.ts';
import { flatBars } from '../testing/bars.ts';
import { MaCrossover } from './ma-crossover.ts';
import { createStrategy, type Strategy } from './strategy.ts';
import { bar, run } from './testing.ts';

const strategyFor = (params: unknown): Strategy => {
  const strategy = createStrategy(StrategySchema.parse(params));
  if (!strategy) throw new Error('expected a bar-driven strategy');
  return strategy;
};

describe('MA crossover', () => {
  it('signals long on the bar the fast average crosses above, flat when it crosses back', () => {
    const strategy: Strategy = new MaCrossover(2, 4);
    const closes = [10, 10, 10, 10, 9, 8, 12, 14, 15, 9, 7, 6];
    const signals = flatBars(closes).map((b) => strategy.onBar(b, { qty: 0, avgPx: 0 })?.target ?? null);
    // fast(2)/slow(4) first both exist at bar 3; fast crosses above at bar 6 (12: 10 vs 9.75), below at bar 9 (9: 12 vs 12.5)
    expect(signals).toEqual([null, null, null, null, null, null, 'long', null, null, 'flat', null, null]);
  });

  it('reads a bot stored before the average could be chosen as SMA', () => {
    const stored = StrategySchema.parse({ kind: 'ma_crossover', fast: 2, slow: 4 });
    const closes = [10, 10, 10, 10, 9, 8, 12, 14, 15, 9, 7, 6];
    expect(run(createStrategy(stored)!, flatBars(closes))).toEqual(run(new MaCrossover(2, 4, 'sma'), flatBars(closes)));
  });

  it('crosses on EMAs when asked: EMA 2 over EMA 3 (hand-computed)', () => {
    // EMA2 (k 2/3): 11 at bar 1 (mean of 10, 12), then 9.667, 11.222, 17.074, 9.025
    // EMA3 (k 1/2): 10.333 at bar 2 (mean of 10, 12, 9), then 11.167, 15.583, 10.292
    // bar 2 below (first reading); bar 3 11.222 > 11.167: long; bar 5 9.025 < 10.292: flat
    const strategy = strategyFor({ kind: 'ma_crossover', fast: 2, slow: 3, ma: 'ema' });
    expect(run(strategy, flatBars([10, 12, 9, 12, 20, 5]))).toEqual([null, null, null, 'long', null, 'flat']);
    expect(strategy.plots.map((p) => [p.name, p.pane])).toEqual([
      ['EMA 2', 'price'],
      ['EMA 3', 'price'],
    ]);
  });
});

describe('RSI reversion', () => {
  // period 2, changes +1 +1 -2 -1 +3: RSI 100 (bar 2), 33.3, 20 (falls below 30: long), 76.5 (above 70)
  const closes = [10, 11, 12, 10, 9, 12];

  it('buys on the bar the RSI falls below oversold and closes the long above overbought', () => {
    expect(run(strategyFor({ kind: 'rsi', period: 2 }), flatBars(closes))).toEqual([null, null, null, null, 'long', 'flat']);
  });

  it('with shorts allowed, sells short on the bar it rises above overbought', () => {
    expect(run(strategyFor({ kind: 'rsi', period: 2, allowShort: true }), flatBars(closes))).toEqual([null, null, null, null, 'long', 'short']);
  });
});

describe('MACD cross', () => {
  // 2/3/2, flat at 10 then 11, 11, 9. Bar 4 (11): fast 10.667, slow 10.5, macd 0.1667, signal 0.1111,
  // histogram +0.0556 (0.505 % of 11): long. Bar 6 (9): fast 9.630, slow 9.875, histogram -0.125: flat.
  const closes = [10, 10, 10, 10, 11, 11, 9];

  it('buys on the bar MACD crosses above its signal, closes the long when the histogram turns negative', () => {
    expect(run(strategyFor({ kind: 'macd', fast: 2, slow: 3, signal: 2 }), flatBars(closes))).toEqual([null, null, null, null, 'long', null, 'flat']);
  });

  it('with the histogram filter, needs the histogram above the chosen share of the price', () => {
    const filtered = (minHistogramPct: number) => run(strategyFor({ kind: 'macd', fast: 2, slow: 3, signal: 2, histogramFilter: true, minHistogramPct }), flatBars(closes));
    expect(filtered(1)).toEqual([null, null, null, null, null, null, null]);
    expect(filtered(0.5)).toEqual([null, null, null, null, 'long', null, 'flat']);
  });
});

describe('Bollinger mean reversion', () => {
  it('buys a close below the lower band and exits at the middle band', () => {
    // period 3, 1 std dev: bar 4 [10, 11, 7] mean 9.333, lower 7.634, close 7: long; bar 5 [11, 7, 9] middle 9, close 9: flat
    const strategy = strategyFor({ kind: 'bollinger', period: 3, deviations: 1 });
    expect(run(strategy, flatBars([10, 11, 10, 11, 7, 9, 11]))).toEqual([null, null, null, null, 'long', 'flat', null]);
  });

  it('in touch mode enters when the low reaches the band though the close stays inside', () => {
    // period 3, 2 std dev: bar 4 [10, 11, 9] mean 10, lower 8.367; close 9 inside, low 8 below
    const bars = [10, 11, 10, 11].map((c) => bar(c)).concat(bar(9, { low: 8 }));
    expect(run(strategyFor({ kind: 'bollinger', period: 3, deviations: 2, entry: 'touch' }), bars)).toEqual([null, null, null, null, 'long']);
    expect(run(strategyFor({ kind: 'bollinger', period: 3, deviations: 2, entry: 'close' }), bars)).toEqual([null, null, null, null, null]);
  });

  it('does not trade a market that has not moved (bands of zero width are touched by every bar)', () => {
    expect(run(strategyFor({ kind: 'bollinger', period: 3, entry: 'touch', allowShort: true }), flatBars([5, 5, 5, 5, 5, 5]))).toEqual([null, null, null, null, null, null]);
  });
});

describe('Momentum', () => {
  it('ROC: buys when the 2-bar change rises above 5 %, exits when it turns negative', () => {
    // ROC at bar 3: 106/100 = +6 % (was 0): long; bar 5: 99/106 = -6.6 %: flat
    expect(run(strategyFor({ kind: 'momentum', mode: 'roc', period: 2, rocThresholdPct: 5 }), flatBars([100, 100, 100, 106, 107, 99]))).toEqual([null, null, null, 'long', null, 'flat']);
  });

  it('Donchian: buys a close above the previous highest high, exits (or goes short) below the previous lowest low', () => {
    const bars = [bar(9.5, { high: 10, low: 9 }), bar(10, { high: 11, low: 9 }), bar(11.5, { high: 12, low: 10 }), bar(8.5, { high: 11, low: 8 })];
    expect(run(strategyFor({ kind: 'momentum', mode: 'donchian', period: 2 }), bars)).toEqual([null, null, 'long', 'flat']);
    expect(run(strategyFor({ kind: 'momentum', mode: 'donchian', period: 2, allowShort: true }), bars)).toEqual([null, null, 'long', 'short']);
  });

  it('puts a stop-loss 2 ATRs under a breakout entry (ATR over the lookback, hand-computed)', () => {
    // true ranges: bar 1 max(2, 1.5, 0.5) = 2; bar 2 max(2, 2, 0) = 2; ATR(2) at bar 2 = 2; stop 11.5 - 2 * 2 = 7.5
    const bars = [bar(9.5, { high: 10, low: 9 }), bar(10, { high: 11, low: 9 }), bar(11.5, { high: 12, low: 10 })];
    const strategy = strategyFor({ kind: 'momentum', mode: 'donchian', period: 2, stopAtr: 2 });
    const intents = bars.map((b) => strategy.onBar(b, { qty: 0, avgPx: 0 }));
    expect(intents[2]).toEqual({ target: 'long', stopLoss: 7.5 });
  });

  it('leaves out a long stop that would sit at or below zero', () => {
    // ATR(2) at bar 3 = (0 + 2.5) / 2 = 1.25; 20 ATRs under a close of 2 is below zero: no stop, still the entry
    const bars = [bar(1), bar(1), bar(1), bar(2, { high: 3, low: 0.5 })];
    const strategy = strategyFor({ kind: 'momentum', mode: 'donchian', period: 2, stopAtr: 20 });
    const intents = bars.map((b) => strategy.onBar(b, { qty: 0, avgPx: 0 }));
    expect(intents[3]).toEqual({ target: 'long' });
  });
});

describe('Z-score mean reversion', () => {
  it('buys 1 std dev below the mean and exits back at the mean', () => {
    // period 3: bar 4 [10, 10, 7] z = (7 - 9) / 1.414 = -1.41: long; bar 5 [10, 7, 9.5] z = +0.51: flat
    expect(run(strategyFor({ kind: 'zscore', period: 3, entryZ: 1, exitZ: 0 }), flatBars([10, 10, 10, 10, 7, 9.5, 10]))).toEqual([null, null, null, null, 'long', 'flat', null]);
  });
});

describe('every strategy', () => {
  it('is built from its schema defaults, and the alert-driven one is not', () => {
    for (const kind of ['rsi', 'macd', 'bollinger', 'momentum', 'zscore'] as const) expect(strategyFor({ kind }).plots.length).toBeGreaterThan(0);
    expect(createStrategy(StrategySchema.parse({ kind: 'tradingview', maxEntries: 1 }))).toBeNull();
  });

  it('plots nothing before its indicators are warm, and numbers once they are', () => {
    const strategy = strategyFor({ kind: 'macd' });
    expect(strategy.plots.map((p) => p.value())).toEqual([null, null, null]);
    run(strategy, flatBars(Array.from({ length: 40 }, (_, i) => 100 + i)));
    for (const p of strategy.plots) expect(Number.isFinite(p.value())).toBe(true);
  });
});
