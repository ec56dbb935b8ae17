import { describe, expect, it } from 'vitest';
import { axesOf, describeParams } from './optimize-form-model.ts';
import { strategyForm } from '../bots/strategy-form-model.ts';

describe('optimisation form model', () => {
  const { fields } = strategyForm('macd');

  it('builds a range, typed value lists and leaves default parameters out', () => {
    const axes = axesOf(fields, {
      fast: { mode: 'range', from: '5', to: '15', step: '5' },
      histogramFilter: { mode: 'values', values: 'yes, no' },
      minHistogramPct: { mode: 'values', values: '0.05,0.1,' },
      slow: { mode: 'default' },
    });
    expect(axes).toEqual({
      fast: { kind: 'range', from: 5, to: 15, step: 5 },
      histogramFilter: { kind: 'values', values: [true, false] },
      minHistogramPct: { kind: 'values', values: [0.05, 0.1] },
    });
  });

  it('sends a blank or mistyped number as NaN for the engine to refuse by name', () => {
    expect(axesOf(fields, { fast: { mode: 'range', from: '', to: 'x', step: '1' } }).fast).toEqual({ kind: 'range', from: Number.NaN, to: Number.NaN, step: 1 });
  });

  it('describes a ranked set in one line', () => {
    expect(describeParams({ kind: 'ma_crossover', fast: 5, slow: 30, ma: 'ema', allowShort: false })).toBe('fast 5 · slow 30 · ma ema · allowShort no');
  });
});
