import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StrategySchema } from '../../../shared/domain/strategy-params.ts';
import { createStrategy } from './strategy.ts';
import { bar, run } from './testing.ts';

const period = fc.integer({ min: 2, max: 30 });
const params = fc.oneof(
  fc.tuple(period, period, fc.constantFrom('sma', 'ema')).map(([a, b, ma]) => ({ kind: 'ma_crossover', fast: Math.min(a, b), slow: Math.max(a, b) + 1, ma })),
  fc.record({ kind: fc.constant('rsi'), period, allowShort: fc.boolean() }),
  fc.tuple(period, period, fc.integer({ min: 1, max: 10 }), fc.boolean()).map(([a, b, signal, histogramFilter]) => ({ kind: 'macd', fast: Math.min(a, b), slow: Math.max(a, b) + 1, signal, histogramFilter, minHistogramPct: 0 })),
  fc.record({ kind: fc.constant('bollinger'), period, entry: fc.constantFrom('touch', 'close'), allowShort: fc.boolean() }),
  fc.record({ kind: fc.constant('momentum'), mode: fc.constantFrom('roc', 'donchian'), period, rocThresholdPct: fc.constant(0), allowShort: fc.boolean() }),
  fc.record({ kind: fc.constant('zscore'), period, entryZ: fc.constant(0.5), allowShort: fc.boolean() }),
);
const bars = fc.array(fc.tuple(fc.double({ min: 1, max: 1000, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true })), { maxLength: 120 }).map((rows) => rows.map(([close, spread]) => bar(close, { high: close * (1 + spread), low: close * (1 - spread) })));

describe('warm-up', () => {
  it('no strategy speaks before it has seen warmupBars bars', () => {
    fc.assert(
      fc.property(params, bars, (raw, series) => {
        const strategy = createStrategy(StrategySchema.parse(raw))!;
        const first = run(strategy, series).findIndex((target) => target !== null);
        if (first !== -1) expect(first).toBeGreaterThanOrEqual(strategy.warmupBars - 1);
      }),
      { numRuns: 300 },
    );
  });
});
