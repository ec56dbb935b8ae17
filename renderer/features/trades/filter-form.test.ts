import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, toTradeFilter } from './filter-form.ts';

describe('the trade filter bar', () => {
  it('turns whole UTC days into an inclusive range and fields into the engine’s filter', () => {
    const { filter, errors } = toTradeFilter({ ...EMPTY_DRAFT, from: '2026-11-01', to: '2026-11-01', botId: 'bot-1', mode: 'paper', symbol: ' btc/usdt ', side: 'SHORT', outcome: 'loss', pnlMin: '-25.5', pnlMax: '1e3', source: 'alert' });
    expect(errors).toEqual({});
    expect(filter).toEqual({ from: Date.parse('2026-11-01T00:00:00Z'), to: Date.parse('2026-11-02T00:00:00Z') - 1, botIds: ['bot-1'], mode: 'paper', symbols: ['BTC/USDT'], side: 'SHORT', outcome: 'loss', pnlMin: -25.5, pnlMax: 1000, sources: ['alert'] });
  });

  it('says what is wrong with a bad date, a bad number or a backwards range, and leaves them out of the filter', () => {
    const { filter, errors } = toTradeFilter({ ...EMPTY_DRAFT, from: '2026-13-45', to: '', pnlMin: 'abc', pnlMax: 'Infinity' });
    expect(errors.from).toBe('Give a date as YYYY-MM-DD');
    expect(errors.pnlMin).toMatch(/Give a number/);
    expect(errors.pnlMax).toMatch(/Give a number/);
    expect(filter).toEqual({});
    expect(toTradeFilter({ ...EMPTY_DRAFT, from: '2026-11-02', to: '2026-11-01' }).errors.to).toBe('The end date is before the start date');
    expect(toTradeFilter({ ...EMPTY_DRAFT, pnlMin: '10', pnlMax: '-10' }).errors.pnlMax).toBe('The maximum P&L is below the minimum');
  });

  it('an empty bar is no filter at all', () => {
    expect(toTradeFilter(EMPTY_DRAFT)).toEqual({ filter: {}, errors: {} });
  });
});
