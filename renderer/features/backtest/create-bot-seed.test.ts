import { describe, expect, it } from 'vitest';
import { BotConfigSchema } from '../../../shared/domain/bot.ts';
import { botSeedOf } from './create-bot-seed.ts';

const run = { symbol: 'BTC/USDT', timeframe: '1m', venue: 'sample', strategy: { kind: 'ma_crossover' as const, ma: 'ema' as const, fast: 5, slow: 20 }, options: { qty: 0.25, feeBps: 10, slippageBps: 5, stopLossPct: null, takeProfitPct: null } };

describe('a bot from a backtest', () => {
  it("starts from the run's strategy, symbol and order size, and makes a valid bot", () => {
    const seed = botSeedOf(run);
    expect(seed).toMatchObject({ symbol: 'BTC/USDT', strategy: run.strategy, orderQty: 0.25 });
    expect(seed.note).toBe('From a backtest of EMA 5/20 on BTC/USDT 1m (sample).');
    expect(BotConfigSchema.safeParse({ name: seed.name, symbol: seed.symbol, timeframe: '1m', strategy: seed.strategy, orderQty: seed.orderQty, account: 'paper' }).success).toBe(true);
  });

  it('says so when the run used other bars than the bot will, or exits the bot does not copy', () => {
    const seed = botSeedOf({ ...run, symbol: 'SPX', timeframe: '1d', options: { ...run.options, stopLossPct: 0.02 } });
    expect(seed.note).toContain('Bots trade 1-minute bars');
    expect(seed.note).toContain('stop-loss and take-profit are not copied');
  });
});
