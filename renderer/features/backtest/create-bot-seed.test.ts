import { describe, expect, it } from 'vitest';
import { BotConfigSchema } from '../../../shared/domain/bot.ts';
import { botSeedOf } from './create-bot-seed.ts';

const run = { symbol: 'BTC/USDT', timeframe: '1m', venue: 'sample', strategy: { kind: 'ma_crossover' as const, ma: 'ema' as const, fast: 5, slow: 20 }, options: { qty: 0.25, feeBps: 10, slippageBps: 5, stopLossPct: null, takeProfitPct: null } };
const config = (seed: ReturnType<typeof botSeedOf>) => ({ name: seed.name, symbol: seed.symbol, timeframe: '1m', strategy: seed.strategy, orderQty: seed.orderQty, account: 'paper', exits: seed.exits });

describe('a bot from a backtest', () => {
  it("starts from the run's strategy, symbol and order size, and makes a valid bot", () => {
    const seed = botSeedOf(run);
    expect(seed).toMatchObject({ symbol: 'BTC/USDT', strategy: run.strategy, orderQty: 0.25 });
    expect(seed.exits).toBeUndefined();
    expect(seed.note).toBe('From a backtest of EMA 5/20 on BTC/USDT 1m (sample).');
    expect(BotConfigSchema.safeParse(config(seed)).success).toBe(true);
  });

  it("carries the run's stop-loss and take-profit as the bot's percent exits", () => {
    const seed = botSeedOf({ ...run, options: { ...run.options, stopLossPct: 0.07, takeProfitPct: 0.05 } });
    expect(seed.exits).toMatchObject({ stopLoss: { unit: 'percent', value: 7 }, takeProfits: [{ at: { unit: 'percent', value: 5 }, percent: 100 }] });
    expect(BotConfigSchema.safeParse(config(seed)).success).toBe(true);
  });

  it('says so when the run used other bars than the bot will, or exits a bot refuses', () => {
    const seed = botSeedOf({ ...run, symbol: 'SPX', timeframe: '1d', options: { ...run.options, takeProfitPct: 50 } });
    expect(seed.note).toContain('Bots trade 1-minute bars');
    expect(seed.note).toContain('neither was copied');
    expect(seed.exits).toBeUndefined();
  });
});
