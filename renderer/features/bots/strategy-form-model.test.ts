import { describe, expect, it } from 'vitest';
import { StrategySchema } from '../../../shared/domain/strategy-params.ts';
import { STRATEGY_FORMS, draftFor, paramsFromDraft, strategyForm } from './strategy-form-model.ts';

describe('the strategy form generated from the schemas', () => {
  it('lists every strategy, and each one’s defaults pass its own schema', () => {
    expect(STRATEGY_FORMS.map((f) => f.kind)).toEqual(['ma_crossover', 'rsi', 'macd', 'bollinger', 'momentum', 'zscore', 'arbitrage', 'tradingview']);
    for (const form of STRATEGY_FORMS) expect(StrategySchema.safeParse(paramsFromDraft(draftFor(form.kind))).success, form.kind).toBe(true);
  });

  it('reads numbers with their bounds, choices as selects and yes/no as checkboxes', () => {
    const macd = strategyForm('macd');
    expect(macd.fields.find((f) => f.key === 'fast')).toEqual({ key: 'fast', label: 'Fast EMA period', type: 'number', whole: true, min: 2, max: 1000 });
    expect(macd.fields.find((f) => f.key === 'histogramFilter')).toMatchObject({ type: 'boolean', label: 'Histogram filter' });
    expect(strategyForm('ma_crossover').fields.find((f) => f.key === 'ma')).toMatchObject({ type: 'choice', options: ['sma', 'ema'] });
    expect(strategyForm('ma_crossover').defaults).toEqual({ fast: '9', slow: '21', ma: 'sma' });
  });

  it('fills the form from a stored bot, including one saved before the average could be chosen', () => {
    expect(draftFor('ma_crossover', { kind: 'ma_crossover', fast: 5, slow: 20 }).values).toEqual({ fast: '5', slow: '20', ma: 'sma' });
  });

  it('leaves blank and non-numeric text for the schema to refuse, with the field named', () => {
    const draft = draftFor('rsi');
    const parsed = StrategySchema.safeParse(paramsFromDraft({ kind: 'rsi', values: { ...draft.values, period: 'abc', oversold: '' } }));
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries((parsed.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages.period).toBe('RSI period must be a whole number');
    expect(Object.keys(messages)).toContain('oversold');
  });
});
