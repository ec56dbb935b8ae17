import { VenueRegistry } from '../venues/venue-registry.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../../shared/domain/bot.ts';
import type { AlertCommand } from '../../../shared/domain/webhook.ts';
import { EventBus } from '../event-bus.ts';
import { OrderManager } from '../execution/order-manager.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { insertAlertOnce } from '../persistence/webhooks.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { silentLogger } from '../ports/logger.ts';
import { Protections } from '../risk/protections.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import { SignalExecutor } from './signal-executor.ts';
import { LedgerAccountGate } from '../accounts/account-gate.ts';
import { AccountService } from '../accounts/account-service.ts';
import { EquityRecorder } from '../accounts/equity-recorder.ts';

const SOL = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };
const bot: Bot = { id: 'tv1', name: 'TV', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 2 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 };

async function setup() {
  const { db } = await openDatabase(join(tempDir(), 'signals.sqlite'));
  await insertBot(db, bot);
  const venue = new PaperVenue([SOL], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
  venue.markPrice('SOL/USDT', 100);
  const bus = new EventBus((e) => { throw e; });
  const market = { instruments: [SOL], lastPrice: (s: string) => venue.lastPrice(s), takerFee: 0 };
  const equity = new EquityRecorder({ db, marketClock: manualClock(), market, logger: silentLogger });
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus, clock: manualClock(), logger: silentLogger, gate: new LedgerAccountGate({ market, equity }) });
  const accounts = new AccountService({ db, market, clock: manualClock(), marketClock: manualClock(), equity, writeOff: (dust) => orders.writeOffDust(dust, market.lastPrice) });
  const protections = new Protections({ db, orders, bus, logger: silentLogger, clock: manualClock(), instruments: [SOL] });
  const executor = new SignalExecutor({ db, orders, protections, instruments: () => [SOL], lastPrice: (s) => venue.lastPrice(s), equity: (id) => accounts.equity(id) });
  let alertId = 0;
  const command = (fields: Partial<AlertCommand>): AlertCommand => ({ bot: bot.id, passphrase: 'x', action: 'buy', symbol: null, amount: null, amountType: 'base', orderType: 'market', price: null, stopLoss: null, takeProfit: null, id: null, time: null, comment: null, ...fields });
  const run = async (fields: Partial<AlertCommand>) => {
    alertId = (await insertAlertOnce(db, { dedupeKey: `k${alertId + 1}`, botId: bot.id, receivedAt: 0, commandJson: '{}' })) ?? 0;
    return executor.execute(bot, command(fields), alertId);
  };
  const tick = async (px: number) => {
    venue.markPrice('SOL/USDT', px);
    await protections.onPrice('SOL/USDT', px);
    await orders.settled();
  };
  return { db, venue, orders, protections, run, tick, held: () => orders.position(bot.id, 'SOL/USDT').netQty };
}

describe('alert levels follow the position they protect', () => {
  it('a reverse does not hand the long\'s stop-loss and take-profit to the new short', async () => {
    const { run, tick, held, protections } = await setup();
    await run({ action: 'long', stopLoss: { price: 95 }, takeProfit: { price: 110 } });
    expect(await run({ action: 'reverse' })).toMatchObject({ outcome: 'executed' });
    expect(held()).toBe(-1);
    // A short's stop-loss sits above the price: the long's 95 would fire at once.
    const levels = protections.get('tv1', 'SOL/USDT');
    expect(levels?.stopLoss ?? null).not.toBe(95);
    expect(levels?.takeProfit ?? null).not.toBe(110);
    await tick(100.5); // an ordinary tick, near the entry
    expect(held()).toBe(-1); // today: the short is closed by the long's old stop-loss
  });

  it('a short alert flipping a protected long does not keep the long\'s levels', async () => {
    const { run, tick, held } = await setup();
    await run({ action: 'long', stopLoss: { price: 95 } });
    expect(await run({ action: 'short' })).toMatchObject({ outcome: 'executed' });
    expect(held()).toBe(-1);
    await tick(100.2);
    expect(held()).toBe(-1);
  });

  it('keeps the stop-loss of a limit entry that rests, and fires it once the entry fills', async () => {
    const { run, tick, held, protections } = await setup();
    expect(await run({ action: 'long', orderType: 'limit', price: 98, stopLoss: { price: 90 } })).toMatchObject({ outcome: 'executed' });
    await tick(97); // the limit buy fills at 98
    expect(held()).toBe(1);
    expect(protections.get('tv1', 'SOL/USDT')?.stopLoss).toBe(90); // today: undefined, the level was dropped
    await tick(80);
    expect(held()).toBe(0); // today: the position rides down unprotected
  });
});
