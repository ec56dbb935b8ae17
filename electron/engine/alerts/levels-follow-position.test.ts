import { VenueRegistry } from '../venues/venue-registry.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertCommand } from '../../../shared/domain/webhook.ts';
import { EventBus } from '../event-bus.ts';
import { OrderManager } from '../execution/order-manager.ts';
import { reconcilePaperOrders } from '../execution/reconcile-paper.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import type { Database } from '../persistence/database.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { insertAlertOnce } from '../persistence/webhooks.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { Protections } from '../risk/protections.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import { restoreEntryProtection } from './entry-protection.ts';
import { SignalExecutor } from './signal-executor.ts';
import { remoteSignals, signalBot } from './testing/remote-signals.ts';
import type { Kysely } from 'kysely';

const PAPER_SOL = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };

/** The paper venue as the engine starts it: positions loaded, resting limits put back, levels loaded and entries' levels restored. */
async function paperStart(db: Kysely<Database>) {
  const venue = new PaperVenue([PAPER_SOL], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
  venue.markPrice('SOL/USDT', 100);
  const bus = new EventBus((e) => {
    throw e;
  });
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus, clock: manualClock(), logger: silentLogger });
  await orders.loadPositions();
  await reconcilePaperOrders(db, orders, venue);
  const protections = new Protections({ db, orders, bus, logger: silentLogger, clock: manualClock(), instruments: [PAPER_SOL] });
  await protections.load();
  await restoreEntryProtection({ db, orders, protections });
  const executor = new SignalExecutor({ db, orders, protections, instruments: () => [PAPER_SOL], lastPrice: (s) => venue.lastPrice(s), equity: async () => 10_000 });
  let alerts = 0;
  const run = async (fields: Partial<AlertCommand>) => {
    const alertId = (await insertAlertOnce(db, { dedupeKey: `k${Date.now()}-${++alerts}`, botId: signalBot.id, receivedAt: 0, commandJson: JSON.stringify(fields) })) ?? 0;
    const command: AlertCommand = { bot: signalBot.id, passphrase: 'x', action: 'buy', symbol: null, amount: null, amountType: 'base', orderType: 'market', price: null, stopLoss: null, takeProfit: null, id: null, time: null, comment: null, ...fields };
    return executor.execute(signalBot, command, alertId);
  };
  const tick = async (px: number) => {
    venue.markPrice('SOL/USDT', px);
    await protections.onPrice('SOL/USDT', px);
    await orders.settled();
  };
  return { run, tick, held: () => orders.position(signalBot.id, 'SOL/USDT').netQty, levels: () => protections.get(signalBot.id, 'SOL/USDT') };
}

describe('alert levels belong to the position they were given for', () => {
  it('a reverse filled in parts keeps the long\'s levels while long, and arms the short\'s own once it is short', async () => {
    const { start, answer, report, last, held, levels } = await remoteSignals();
    const opening = await start({ action: 'long', stopLoss: { price: 95 }, takeProfit: { price: 110 } });
    answer([[1, 100]]);
    await opening.done;
    const reversing = await start({ action: 'reverse', stopLoss: { percent: 2 } });
    const reverse = last();
    answer([]);
    await reversing.done;
    expect(levels()).toMatchObject({ stopLoss: 95, takeProfit: 110 });

    await report(reverse, 0.5, 100); // still long 0.5: the long's stop-loss still guards it
    expect([held(), levels()]).toEqual([0.5, { stopLoss: 95, takeProfit: 110, closeError: null }]);
    await report(reverse, 1.5, 101); // short 1, entered at 101: 2 % above is 103.02; the long's take-profit is gone
    expect([held(), levels()]).toEqual([-1, { stopLoss: 103.02, takeProfit: null, closeError: null }]);
  });

  it('an add keeps the levels the alert does not give, on the same position', async () => {
    const { start, answer, levels } = await remoteSignals();
    const opening = await start({ action: 'long', stopLoss: { price: 95 }, takeProfit: { price: 110 } });
    answer([[1, 100]]);
    await opening.done;
    const adding = await start({ action: 'buy', takeProfit: { price: 120 } });
    answer([[1, 102]]);
    await adding.done;
    expect(levels()).toEqual({ stopLoss: 95, takeProfit: 120, closeError: null });
  });

  it('a close drops the levels, and the next position starts without them', async () => {
    const { start, answer, levels } = await remoteSignals();
    const opening = await start({ action: 'long', stopLoss: { price: 95 } });
    answer([[1, 100]]);
    await opening.done;
    const closing = await start({ action: 'close' });
    answer([[1, 100]]);
    await closing.done;
    expect(levels()).toBeUndefined();
    const reopening = await start({ action: 'short' });
    answer([[1, 100]]);
    await reopening.done;
    expect(levels()).toBeUndefined();
  });

  it('a resting limit entry keeps its stop-loss across a restart, worked out from its fill price', async () => {
    const { db } = await openDatabase(join(tempDir(), 'restart.sqlite'));
    await insertBot(db, signalBot);
    const before = await paperStart(db);
    expect(await before.run({ action: 'long', orderType: 'limit', price: 98, stopLoss: { percent: 5 } })).toMatchObject({ outcome: 'executed' });
    expect(before.levels()).toBeUndefined();

    const after = await paperStart(db); // the app restarted while the entry rested
    await after.tick(97); // fills at 98: the stop-loss is 5 % under it
    expect([after.held(), after.levels()?.stopLoss]).toEqual([1, 93.1]);
    await after.tick(93);
    expect(after.held()).toBe(0);
  });
});
