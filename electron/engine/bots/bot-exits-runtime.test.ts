import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../../shared/domain/bot.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { EventBus } from '../event-bus.ts';
import { OrderManager } from '../execution/order-manager.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { listOrders } from '../persistence/orders.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { BotAtrs } from '../risk/exits/bot-atrs.ts';
import { Protections } from '../risk/protections.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../venues/venue-registry.ts';
import { BotRuntime } from './bot-runtime.ts';

const SOL = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };
/** A bar two wide around its close: the true range of a bar next to the last is 2 or more. */
const bar = (close: number, ts = 0): Candle => ({ ts, open: close, high: close + 1, low: close - 1, close, volume: 0 });
const bot: Bot = {
  id: 'ma', name: 'MA', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0,
  exits: { stopLoss: { unit: 'atr', value: 1.5 }, takeProfits: [{ at: { unit: 'r', value: 2 }, percent: 100 }], trailing: null, breakEven: null, atrPeriod: 3 },
};

describe('a bar bot’s exits in ATR multiples', () => {
  it('measure the stop from the ATR of the bot’s own bars, warmed on its history, and close the position there', async () => {
    const { db } = await openDatabase(join(tempDir(), 'bars.sqlite'));
    await insertBot(db, bot);
    const clock = manualClock();
    const venue = new PaperVenue([SOL], clock, { takerFee: 0, makerFee: 0, slippageBps: 0 });
    const bus = new EventBus((e) => {
      throw e;
    });
    const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus, clock, logger: silentLogger });
    const atrs = new BotAtrs();
    const protections = new Protections({ db, orders, bus, logger: silentLogger, clock, instruments: [SOL], atr: atrs.value });
    const runtime = new BotRuntime({ db, orders, logger: silentLogger, atrs, protections });
    runtime.attach(bot, [100, 100, 100, 100].map((close, i) => bar(close, i)));
    expect(atrs.value(bot.id)).toBe(2);
    const feed = async (close: number) => {
      venue.markPrice('SOL/USDT', close);
      await runtime.onCandle({ symbol: 'SOL/USDT', timeframe: '1m', closed: true, candle: bar(close) });
      await orders.settled();
      await protections.onPrice('SOL/USDT', close);
      await protections.settled();
    };
    await feed(101); // the fast average crosses above the slow: the bot buys at 101
    expect(orders.position(bot.id, 'SOL/USDT')).toMatchObject({ netQty: 1, avgPxOpen: 101 });
    const atr = atrs.value(bot.id) ?? 0;
    const guard = protections.get(bot.id, 'SOL/USDT');
    expect(guard?.stopLoss).toBeCloseTo(101 - 1.5 * atr, 2);
    expect(guard?.exits?.takeProfits[0]?.price).toBeCloseTo(101 + 3 * atr, 1);
    // A tick within the bar (no bar closes, so the strategy has no say): the engine's stop closes the position.
    venue.markPrice('SOL/USDT', guard?.stopLoss ?? 0);
    await protections.onPrice('SOL/USDT', guard?.stopLoss ?? 0);
    const sells = (await listOrders(db, { limit: 10 })).filter((o) => o.side === 'SELL');
    expect([orders.position(bot.id, 'SOL/USDT').netQty, sells.map((o) => o.source)]).toEqual([0, ['protection']]);
  });
});
