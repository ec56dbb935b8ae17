import { VenueRegistry } from '../venues/venue-registry.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../../shared/domain/bot.ts';
import { EventBus } from '../event-bus.ts';
import { OrderManager } from '../execution/order-manager.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { listOrders } from '../persistence/orders.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import { BotRuntime } from './bot-runtime.ts';
import { flatBar, flatBars } from '../testing/bars.ts';

const SOL = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };
const bot: Bot = { id: 'ma', name: 'MA', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 };

describe('a bar bot exits only what no close at the venue takes already', () => {
  it('sends no exit when a resting sell already covers the whole position', async () => {
    const { db } = await openDatabase(join(tempDir(), 'bars.sqlite'));
    await insertBot(db, bot);
    const venue = new PaperVenue([SOL], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
    const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus((e) => { throw e; }), clock: manualClock(), logger: silentLogger });
    const runtime = new BotRuntime({ db, orders, logger: silentLogger });
    runtime.attach(bot, flatBars([100, 100, 100, 100]));
    const bar = async (close: number) => {
      venue.markPrice('SOL/USDT', close);
      await runtime.onCandle({ symbol: 'SOL/USDT', timeframe: '1m', closed: true, candle: flatBar(close) });
      await orders.settled();
    };
    for (const close of [101, 102]) await bar(close);
    expect(orders.position(bot.id, 'SOL/USDT').netQty).toBe(1);
    // The trader's own take-profit rests at the venue for the whole position.
    await orders.place({ botId: bot.id, symbol: 'SOL/USDT', side: 'SELL', type: 'LIMIT', qty: 1, price: 150 });

    for (const close of [99, 97, 95]) await bar(close); // the fast average crosses under: the bot wants to be flat
    const sells = (await listOrders(db, { limit: 10 })).filter((o) => o.side === 'SELL');
    expect(sells).toEqual([expect.objectContaining({ type: 'LIMIT', status: 'ACCEPTED' })]); // no market sell on top of it
    await bar(151); // the take-profit fills: flat, not short
    expect(orders.position(bot.id, 'SOL/USDT').netQty).toBe(0);
  });
});
