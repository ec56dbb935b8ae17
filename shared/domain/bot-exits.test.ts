import { describe, expect, it } from 'vitest';
import { BotExitsSchema } from './bot-exits.ts';
import { BotConfigSchema } from './bot.ts';

const none = { stopLoss: null, takeProfits: [], trailing: null, breakEven: null, atrPeriod: 14 };
const tp = (value: number, percent: number) => ({ at: { unit: 'percent', value }, percent });
const problems = (exits: unknown) => {
  const parsed = BotExitsSchema.safeParse(exits);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('a bot’s exits as the trader gives them', () => {
  it('takes shares adding up to exactly 100 % and refuses one more hundredth', () => {
    expect(problems({ ...none, takeProfits: [tp(1, 33.33), tp(2, 33.33), tp(3, 33.34)] })).toEqual([]);
    expect(problems({ ...none, takeProfits: [tp(1, 50), tp(2, 50.01)] })).toEqual(['The take-profit shares add up to more than 100 %']);
  });

  it('refuses distances that are not positive finite numbers', () => {
    for (const value of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e6]) {
      expect(problems({ ...none, stopLoss: { unit: 'percent', value } }).length).toBeGreaterThan(0);
    }
    expect(problems({ ...none, stopLoss: { unit: 'percent', value: 1e-7 } })).toEqual([]);
    expect(problems({ ...none, stopLoss: { unit: 'percent', value: 99.99 } })).toEqual([]);
    expect(problems({ ...none, stopLoss: { unit: 'percent', value: 100 } })).toEqual(['A stop-loss in percent must be under 100']);
    expect(problems({ ...none, stopLoss: { unit: 'atr', value: 100 } })).toEqual([]);
  });

  it('asks for a stop-loss before an R multiple, a take-profit before break-even after it, and a percent for break-even in profit', () => {
    expect(problems({ ...none, takeProfits: [{ at: { unit: 'r', value: 2 }, percent: 50 }] })).toEqual(['An R multiple needs a stop-loss to measure from']);
    expect(problems({ ...none, breakEven: { after: 'tp1', percent: null } })).toEqual(['Break-even after the first take-profit needs a take-profit']);
    expect(problems({ ...none, breakEven: { after: 'profit', percent: null } })).toEqual(['Say how many percent in profit moves the stop to break-even']);
  });

  it('is optional on a bot: a config without it is still valid', () => {
    const config = { name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 1, account: 'paper' };
    expect(BotConfigSchema.safeParse(config).success).toBe(true);
    expect(BotConfigSchema.safeParse({ ...config, exits: { ...none, atrPeriod: 1 } }).success).toBe(false);
  });
});
