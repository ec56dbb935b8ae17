import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bot, BotConfig } from '../../../shared/domain/bot.ts';
import { flush, remoteSignals } from '../alerts/testing/remote-signals.ts';
import { BotRuntime } from '../bots/bot-runtime.ts';
import { EventBus } from '../event-bus.ts';
import { createEngine, type Engine } from '../index.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { listOrders } from '../persistence/orders.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../venues/venue-registry.ts';
import { OrderManager } from './order-manager.ts';
import { flatBar, flatBars } from '../testing/bars.ts';

const SOL = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };

describe('every order says who placed it', () => {
  let engine: Engine | undefined;
  afterEach(() => engine?.stop());

  it('a bot’s strategy: the entry its moving averages call for', async () => {
    const { db } = await openDatabase(join(tempDir(), 'bars.sqlite'));
    const bot: Bot = { id: 'ma', name: 'MA', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 };
    await insertBot(db, bot);
    const venue = new PaperVenue([SOL], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
    const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus((e) => { throw e; }), clock: manualClock(), logger: silentLogger });
    const runtime = new BotRuntime({ db, orders, logger: silentLogger });
    runtime.attach(bot, flatBars([100, 100, 100, 100]));
    for (const close of [101, 102]) {
      venue.markPrice('SOL/USDT', close);
      await runtime.onCandle({ symbol: 'SOL/USDT', timeframe: '1m', closed: true, candle: flatBar(close) });
      await orders.settled();
    }
    expect((await listOrders(db, { limit: 10 })).map((o) => [o.side, o.status, o.source])).toEqual([['BUY', 'FILLED', 'strategy']]);
  });

  it('an alert’s entry, and the stop-loss that closes it', async () => {
    const { db, protections, start, answer, held } = await remoteSignals();
    const opening = await start({ action: 'long', stopLoss: { price: 95 } });
    answer([[1, 100]]);
    await opening.done;
    void protections.onPrice('SOL/USDT', 94); // settles once the venue answers its close
    await flush();
    answer([[1, 94]]);
    await flush();
    expect(held()).toBe(0);
    const sources = (await listOrders(db, { limit: 10 })).map((o) => [o.side, o.source]);
    expect(sources.sort()).toEqual([['BUY', 'alert'], ['SELL', 'protection']]);
  });

  it('the emergency stop’s flatten', async () => {
    engine = await createEngine({ dataDir: tempDir(), logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } });
    const config: BotConfig = { name: 'held', symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 0.5, account: 'paper' };
    const created = await engine.services.bots.create(config);
    if (!created.ok) throw new Error(created.error.message);
    await engine.services.orders.place({ botId: created.value.id, symbol: 'ETH/USDT', side: 'BUY', type: 'MARKET', qty: 0.5, source: 'manual' });
    await engine.services.emergency.engage('flatten', 'test');
    await expect.poll(() => engine?.services.orders.position(created.value.id, 'ETH/USDT').netQty).toBe(0);
    const sources = (await listOrders(engine.services.db, { limit: 10 })).map((o) => [o.side, o.source]);
    expect(sources.sort()).toEqual([['BUY', 'manual'], ['SELL', 'emergency']]);
    await engine.services.emergency.lift('test');
  });
});
