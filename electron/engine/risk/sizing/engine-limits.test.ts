import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotConfig } from '../../../../shared/domain/bot.ts';
import { DEFAULT_SIZING } from '../../../../shared/domain/bot-sizing.ts';
import { startTestHost } from '../../../headless/testing/test-host.ts';
import { tempDir } from '../../testing/temp-dir.ts';
import { riskMultiplierOf } from './risk-multiplier.ts';

const config = (name: string, sizing: Partial<BotConfig['sizing']>): BotConfig => ({
  name,
  symbol: 'ETH/USDT',
  timeframe: '1m',
  strategy: { kind: 'ma_crossover', fast: 2, slow: 3 },
  orderQty: 0.5,
  account: 'paper',
  sizing: { ...DEFAULT_SIZING, ...sizing },
});

describe('the engine wires sizing and entry limits', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
  });
  afterAll(() => host.close());

  it('stores a bot’s sizing through the API and refuses its entries in the cooldown, manual ones included', async () => {
    const bot = await host.client.bots.create(config('ETH swing', { mode: 'quote', amount: 200, cooldown: 30 }));
    expect((await host.client.bots.list()).find((b) => b.id === bot.id)?.sizing).toMatchObject({ mode: 'quote', amount: 200, cooldown: 30 });
    const buy = { botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.5 } as const;
    expect((await host.client.orders.place(buy)).status).toBe('FILLED');
    expect((await host.client.orders.place({ ...buy, side: 'SELL', reduceOnly: true })).status).toBe('FILLED');
    const refused = await host.client.orders.place(buy);
    expect(refused).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringMatching(/^Bot 'ETH swing': cooldown after exit until \S+ UTC/) });
  });

  it('refuses sizing a trader got wrong, naming the field', async () => {
    await expect(host.client.bots.create(config('bad', { mode: 'risk', amount: null }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('reads a symbol’s risk multiplier from the exchange’s symbols, 1 where none was set', async () => {
    const { db } = host.engine.services;
    await db.insertInto('exchangeSymbols').values({ exchangeId: 'binance', symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', type: 'spot', tickSize: 0.01, stepSize: 0.0001, minNotional: 5, minQty: 0, riskMultiplier: 0.25, enabled: 0, updatedAt: 0 }).execute();
    expect(await riskMultiplierOf(db, 'binance', 'ETH/USDT')).toBe(0.25); // kept while the symbol is disabled
    expect(await riskMultiplierOf(db, 'binance', 'SOL/USDT')).toBe(1);
    expect(await riskMultiplierOf(db, null, 'ETH/USDT')).toBe(1);
  });
});
