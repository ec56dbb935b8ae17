import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../../shared/domain/bot.ts';
import type { AlertCommand } from '../../../shared/domain/webhook.ts';
import { ok } from '../../../shared/errors.ts';
import { EventBus } from '../event-bus.ts';
import { OrderManager } from '../execution/order-manager.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { insertAlertOnce } from '../persistence/webhooks.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { silentLogger } from '../ports/logger.ts';
import { Protections } from '../risk/protections.ts';
import { ScriptedVenue } from '../testing/scripted-venue.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { SignalExecutor } from './signal-executor.ts';

const SOL = { venue: 'scripted', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };
const bot: Bot = { id: 'tv1', name: 'TV', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 2 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 };

/** A remote exchange listing SOL/USDT, whose replies the test delivers by hand. */
class RemoteSol extends ScriptedVenue {
  override instruments() {
    return [SOL];
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function setup() {
  const { db } = await openDatabase(join(tempDir(), 'race.sqlite'));
  await insertBot(db, bot);
  const venue = new RemoteSol();
  const bus = new EventBus((e) => { throw e; });
  const orders = new OrderManager({ db, venue, bus, clock: manualClock(), logger: silentLogger });
  const protections = new Protections({ db, orders, bus, logger: silentLogger, clock: manualClock(), instruments: [SOL] });
  const executor = new SignalExecutor({ db, orders, protections, instruments: [SOL], lastPrice: () => 100, equity: async () => 10_000 });
  let alertId = 0;
  const run = async (fields: Partial<AlertCommand>) => {
    alertId = (await insertAlertOnce(db, { dedupeKey: `k${alertId + 1}`, botId: bot.id, receivedAt: 0, commandJson: '{}' })) ?? 0;
    const command: AlertCommand = { bot: bot.id, passphrase: 'x', action: 'buy', symbol: null, amount: null, amountType: 'base', orderType: 'market', price: null, stopLoss: null, takeProfit: null, id: null, time: null, comment: null, ...fields };
    return executor.execute(bot, command, alertId);
  };
  return { venue, orders, protections, run, held: () => orders.position(bot.id, 'SOL/USDT').netQty };
}

describe('the entry limit counts entries, not the fills an exchange splits them into', () => {
  it('a first entry filled in three pieces leaves room for the second of two allowed entries', async () => {
    const { venue, run, held } = await setup();
    // maxEntries is 2. The first market buy is filled by the exchange in three trades.
    const first = run({ action: 'long' });
    await flush();
    const id = venue.submitted.at(-1)?.clientOrderId ?? '';
    const piece = (n: number, qty: number) => ({ fillId: `f-${n}`, clientOrderId: id, qty, px: 100 + n, fee: 0, ts: n });
    venue.answerSubmit(id, ok({ venueOrderId: 'v-1', fills: [piece(1, 0.25), piece(2, 0.25), piece(3, 0.5)] }));
    expect(await first).toMatchObject({ outcome: 'executed' });
    expect(held()).toBe(1);

    const second = run({ action: 'buy' });
    await flush();
    if (venue.submitted.length > 1) venue.answerSubmit(venue.submitted.at(-1)?.clientOrderId ?? '', ok({ venueOrderId: 'v-2', fills: [{ fillId: 'f-4', clientOrderId: venue.submitted.at(-1)?.clientOrderId ?? '', qty: 1, px: 100, fee: 0, ts: 4 }] }));
    // Without this rule: refused with "The position already has 3 of 2 allowed entries".
    const result = await second;
    expect(result.reason).toBeNull();
    expect(result).toMatchObject({ outcome: 'executed' });
    expect(held()).toBe(2);
  });
});
