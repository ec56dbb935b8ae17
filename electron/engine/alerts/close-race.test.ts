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
  // Long 1 SOL @ 100 with a stop-loss at 95.
  const opening = run({ action: 'long', stopLoss: { price: 95 } });
  await flush();
  venue.answerSubmit('sr-alert-1-0', ok({ venueOrderId: 'v-open', fills: [{ fillId: 'f-open', clientOrderId: 'sr-alert-1-0', qty: 1, px: 100, fee: 0, ts: 1 }] }));
  await opening;
  return { venue, orders, protections, run, held: () => orders.position(bot.id, 'SOL/USDT').netQty };
}

const filled = (clientOrderId: string, px: number) => ok({ venueOrderId: `v-${clientOrderId}`, fills: [{ fillId: `f-${clientOrderId}`, clientOrderId, qty: 1, px, fee: 0, ts: 2 }] });

describe('a close never sells what another close in flight already sells', () => {
  it('a close alert arriving while the stop-loss close is at the exchange does not flip the position short', async () => {
    const { venue, protections, run, held } = await setup();
    expect(held()).toBe(1);
    expect(protections.get('tv1', 'SOL/USDT')?.stopLoss).toBe(95);

    void protections.onPrice('SOL/USDT', 94); // the stop fires: SELL 1 goes to the exchange
    await flush();
    const stopClose = venue.submitted.at(-1);
    expect(stopClose).toMatchObject({ side: 'SELL', qty: 1 });

    const alert = run({ action: 'close' }); // TradingView's own exit arrives meanwhile
    await flush();
    // Both replies come back filled.
    venue.answerSubmit(stopClose?.clientOrderId ?? '', filled(stopClose?.clientOrderId ?? '', 94));
    if (venue.submitted.length > 2) venue.answerSubmit(venue.submitted.at(-1)?.clientOrderId ?? '', filled(venue.submitted.at(-1)?.clientOrderId ?? '', 94));
    await alert;
    await flush();

    // Without this rule: two SELL 1 orders reach the exchange and the trader ends up short 1 SOL they never asked for.
    expect(venue.submitted.filter((o) => o.side === 'SELL')).toHaveLength(1);
    expect(held()).toBe(0);
  });

  it('two close alerts in a row, the first not yet filled, sell the position once', async () => {
    const { venue, run, held } = await setup();
    const first = run({ action: 'close' });
    await flush();
    // The exchange accepts the first close; its fill will come on the user-data stream.
    const firstId = venue.submitted.at(-1)?.clientOrderId ?? '';
    venue.answerSubmit(firstId, ok({ venueOrderId: 'v-c1', fills: [] }));
    await first;
    const second = run({ action: 'close' });
    await flush();
    if (venue.submitted.length > 2) venue.answerSubmit(venue.submitted.at(-1)?.clientOrderId ?? '', filled(venue.submitted.at(-1)?.clientOrderId ?? '', 100));
    await second;
    venue.report({ kind: 'filled', fill: { fillId: 'f-c1', clientOrderId: firstId, qty: 1, px: 100, fee: 0, ts: 3 } });
    await flush();
    expect(venue.submitted.filter((o) => o.side === 'SELL')).toHaveLength(1);
    expect(held()).toBe(0);
  });
});
