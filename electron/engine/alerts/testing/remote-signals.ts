import { VenueRegistry } from '../../venues/venue-registry.ts';
import { join } from 'node:path';
import type { Bot } from '../../../../shared/domain/bot.ts';
import type { AlertCommand } from '../../../../shared/domain/webhook.ts';
import { ok } from '../../../../shared/errors.ts';
import { EventBus } from '../../event-bus.ts';
import { OrderManager } from '../../execution/order-manager.ts';
import { insertBot } from '../../persistence/bots.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { insertAlertOnce } from '../../persistence/webhooks.repository.ts';
import { silentLogger } from '../../ports/logger.ts';
import { Protections } from '../../risk/protections.ts';
import { ScriptedVenue } from '../../testing/scripted-venue.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { SignalExecutor } from '../signal-executor.ts';

export const SOL = { venue: 'scripted', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };
export const signalBot: Bot = { id: 'tv1', name: 'TV', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 };

/** A remote exchange listing SOL/USDT, whose replies the test delivers by hand. */
class RemoteSol extends ScriptedVenue {
  override instruments() {
    return [SOL];
  }
}

export const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * A signal bot trading on a remote venue: alerts run as the intake runs them, every reply comes
 * from the test. `maxEntries` sets the bot's pyramiding limit (3 by default).
 */
export async function remoteSignals(options: { maxEntries?: number } = {}) {
  const opened = (await openDatabase(join(tempDir(), 'remote.sqlite'))).db;
  const bot: Bot = { ...signalBot, strategy: { kind: 'tradingview', maxEntries: options.maxEntries ?? 3 } };
  await insertBot(opened, bot);
  const venue = new RemoteSol();
  const bus = new EventBus((e) => {
    throw e;
  });
  const orders = new OrderManager({ db: opened, venues: new VenueRegistry([['paper', venue]]), bus, clock: manualClock(), logger: silentLogger });
  const protections = new Protections({ db: opened, orders, bus, logger: silentLogger, clock: manualClock(), instruments: [SOL] });
  const executor = new SignalExecutor({ db: opened, orders, protections, instruments: () => [SOL], lastPrice: () => 100, equity: async () => 10_000 });
  let fills = 0;
  let alerts = 0;
  /** Starts an alert and lets it reach the venue; `done` settles once the venue has answered its orders. */
  const start = async (fields: Partial<AlertCommand>) => {
    const alertId = (await insertAlertOnce(opened, { dedupeKey: `k${++alerts}`, botId: signalBot.id, receivedAt: 0, commandJson: '{}' })) ?? 0;
    const command: AlertCommand = { bot: signalBot.id, passphrase: 'x', action: 'buy', symbol: null, amount: null, amountType: 'base', orderType: 'market', price: null, stopLoss: null, takeProfit: null, id: null, time: null, comment: null, ...fields };
    const done = executor.execute(bot, command, alertId);
    await flush();
    return { done };
  };
  const last = () => venue.submitted.at(-1)?.clientOrderId ?? '';
  const fill = (clientOrderId: string, qty: number, px: number) => ({ fillId: `f-${++fills}`, clientOrderId, qty, px, fee: 0, ts: fills });
  /** The venue answers the last order: taken, with these fills in the reply. */
  const answer = (pieces: [qty: number, px: number][]) => venue.answerSubmit(last(), ok({ venueOrderId: `v-${last()}`, fills: pieces.map(([qty, px]) => fill(last(), qty, px)) }));
  /** A fill reported later on the user-data stream. */
  const report = async (clientOrderId: string, qty: number, px: number) => {
    venue.report({ kind: 'filled', fill: fill(clientOrderId, qty, px) });
    await orders.settled();
    await flush();
  };
  return { db: opened, venue, orders, protections, start, last, answer, report, held: () => orders.position(signalBot.id, 'SOL/USDT').netQty, levels: () => protections.get(signalBot.id, 'SOL/USDT') };
}
