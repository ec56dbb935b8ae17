import { VenueRegistry } from '../venues/venue-registry.ts';
import { delegatingVenue } from '../testing/delegating-venue.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../../shared/domain/bot.ts';
import type { AlertCommand } from '../../../shared/domain/webhook.ts';
import { EventBus } from '../event-bus.ts';
import { OrderManager } from '../execution/order-manager.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { listOrders } from '../persistence/orders.repository.ts';
import { legsOf } from '../persistence/alert-legs.repository.ts';
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
const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.00001, minNotional: 5 };
const bot: Bot = { id: 'tv1', name: 'TV', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 2 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 };

async function setup() {
  const { db } = await openDatabase(join(tempDir(), 'signals.sqlite'));
  await insertBot(db, bot);
  const venue = new PaperVenue([SOL, BTC], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
  venue.markPrice('SOL/USDT', 100);
  venue.markPrice('BTC/USDT', 50_000);
  const bus = new EventBus((e) => {
    throw e;
  });
  // The real paper account (10,000 USDT from the migration) sizes percent-of-equity amounts and pays for orders.
  const market = { instruments: [SOL, BTC], lastPrice: (s: string) => venue.lastPrice(s), takerFee: 0 };
  const equity = new EquityRecorder({ db, marketClock: manualClock(), market, logger: silentLogger });
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus, clock: manualClock(), logger: silentLogger, gate: new LedgerAccountGate({ market, equity }) });
  const accounts = new AccountService({ db, market, clock: manualClock(), marketClock: manualClock(), equity, writeOff: (dust) => orders.writeOffDust(dust, market.lastPrice) });
  const protections = new Protections({ db, orders, bus, logger: silentLogger, clock: manualClock(), instruments: [SOL, BTC] });
  const executor = new SignalExecutor({ db, orders, protections, instruments: () => [SOL, BTC], lastPrice: (s) => venue.lastPrice(s), equity: (id) => accounts.equity(id) });
  let alertId = 0;
  const command = (fields: Partial<AlertCommand>): AlertCommand => ({ bot: bot.id, passphrase: 'x', action: 'buy', symbol: null, amount: null, amountType: 'base', orderType: 'market', price: null, stopLoss: null, takeProfit: null, id: null, time: null, comment: null, ...fields });
  const run = async (fields: Partial<AlertCommand>) => {
    alertId = await insertAlertOnce(db, { dedupeKey: `k${alertId + 1}`, botId: bot.id, receivedAt: 0, commandJson: '{}' }) ?? 0;
    return executor.execute(bot, command(fields), alertId);
  };
  const check = (fields: Partial<AlertCommand>) => executor.check(bot, command(fields));
  const held = (symbol = 'SOL/USDT') => orders.position(bot.id, symbol).netQty;
  return { db, venue, orders, protections, run, check, held, lastAlert: () => alertId };
}

describe('signal bot actions', () => {
  it('opens, adds up to the entry limit, then refuses another add', async () => {
    const { run, held } = await setup();
    expect(await run({ action: 'long' })).toMatchObject({ outcome: 'executed' });
    expect(await run({ action: 'buy', amount: 0.5 })).toMatchObject({ outcome: 'executed' });
    expect(held()).toBe(1.5);
    expect(await run({ action: 'long' })).toEqual({ outcome: 'refused', reason: 'The position already has 2 of 2 allowed entries', orderIds: [] });
    expect(held()).toBe(1.5);
  });

  it('closes part of a position, then the rest', async () => {
    const { run, held } = await setup();
    await run({ action: 'long', amount: 3 });
    expect(await run({ action: 'exit_long', amount: 1 })).toMatchObject({ outcome: 'executed' });
    expect(held()).toBe(2);
    await run({ action: 'close' });
    expect(held()).toBe(0);
    expect(await run({ action: 'close' })).toMatchObject({ outcome: 'refused', reason: 'There is no open position to close' });
    expect(await run({ action: 'exit_short' })).toMatchObject({ outcome: 'refused' });
  });

  it('reverses a long into a short of the order size, and short closes a long first', async () => {
    const { db, run, held } = await setup();
    await run({ action: 'long', amount: 2 });
    await run({ action: 'reverse' });
    expect(held()).toBe(-1);
    const result = await run({ action: 'long', amount: 0.5 });
    expect(result.orderIds).toHaveLength(2); // close the short, then open the long
    expect(held()).toBe(0.5);
    const sides = (await listOrders(db, { limit: 10 })).reverse().map((o) => `${o.side} ${o.qty}`);
    expect(sides).toEqual(['BUY 2', 'SELL 3', 'BUY 1', 'BUY 0.5']);
  });

  it('maps TradingView tickers and sizes quote and percent-of-equity amounts at the price', async () => {
    const { run, held } = await setup();
    await run({ action: 'buy', symbol: 'BINANCE:SOLUSDT', amount: 250, amountType: 'quote' });
    expect(held()).toBe(2.5);
    // Equity is still 10,000 USDT (7,750 USDT + 2.5 SOL at 100, no fees): 1% of it is 100 USDT, 1 SOL.
    await run({ action: 'buy', symbol: 'SOLUSDT.P', amount: 1, amountType: 'percent_equity' });
    expect(held()).toBe(3.5);
    expect(await run({ action: 'buy', symbol: 'NASDAQ:AAPL' })).toMatchObject({ outcome: 'refused', reason: 'Unknown symbol NASDAQ:AAPL; this bot trades SOL/USDT' });
    expect(await run({ action: 'close_all' })).toMatchObject({ outcome: 'executed' });
    expect(held()).toBe(0);
  });

  it('refuses percent-of-equity sizing on an account with no equity left, and sizes nothing below the step', async () => {
    const { db, run, held } = await setup();
    await db.updateTable('accountBalances').set({ total: -50 }).where('currency', '=', 'USDT').execute();
    expect(await run({ action: 'buy', amount: 1, amountType: 'percent_equity' })).toEqual({ outcome: 'refused', reason: 'The account’s equity is -50.00 USDT; sizing by percent of equity needs it above zero', orderIds: [] });
    await db.updateTable('accountBalances').set({ total: 812 }).where('currency', '=', 'USDT').execute();
    expect(await run({ action: 'buy', amount: 0.01, amountType: 'percent_equity' })).toEqual({
      outcome: 'refused',
      reason: '0.01% of equity (0.08 USDT) buys 0.000812 SOL, below the smallest order of 0.001 SOL',
      orderIds: [],
    });
    expect(held()).toBe(0);
  });

  it('never trades another symbol than the bot’s, whatever the ticker says', async () => {
    const { run, check, held } = await setup();
    for (const symbol of ['BINANCE:BTCUSDT', 'BTCUSDT', 'BTC/USDT', 'btc-usdt', 'BTCUSDT.P']) {
      expect(await check({ action: 'long', symbol })).toBe(`This bot trades SOL/USDT; the alert is for BTC/USDT${symbol === 'BTC/USDT' ? '' : ` (${symbol})`}`);
      expect(await run({ action: 'long', symbol })).toMatchObject({ outcome: 'refused', orderIds: [] });
    }
    expect(held('BTC/USDT')).toBe(0);
    for (const symbol of ['BINANCE:SOLUSDT', 'SOLUSDT', 'SOL/USDT', null]) expect(await check({ action: 'long', symbol })).toBeNull();
  });

  it('refuses, before any order, an amount the venue would refuse', async () => {
    const { db, run } = await setup();
    expect(await run({ action: 'buy', amount: 0.01 })).toEqual({ outcome: 'refused', reason: '0.01 SOL is worth 1.00 USDT at 100.00, below the 5 USDT minimum', orderIds: [] });
    expect(await run({ action: 'buy', amount: 0.0004 })).toMatchObject({ reason: '0.0004 SOL is below the smallest order of 0.001 SOL' });
    expect(await listOrders(db, { limit: 10 })).toEqual([]);
  });

  it('stores the plan before the first order and stops at a rejected leg, saying which and why', async () => {
    const { db, run, held, lastAlert } = await setup();
    await run({ action: 'long', amount: 1 });
    await run({ action: 'exit_long', amount: 0.99 });
    expect(held()).toBeCloseTo(0.01, 9); // dust: worth 1 USDT, under the 5 USDT minimum
    const result = await run({ action: 'short', amount: 1 });
    expect(result).toEqual({
      outcome: 'failed',
      reason: 'Leg 1 of 2 (SELL 0.01 SOL/USDT) failed: Order value 1.00 USDT is below the minimum 5 USDT; the leg after it was not placed',
      orderIds: [`sr-alert-${lastAlert()}-0`],
    });
    expect((await legsOf(db, lastAlert())).map((l) => [l.side, l.qty, l.status])).toEqual([
      ['SELL', 0.01, 'failed'],
      ['SELL', 1, 'pending'],
    ]);
    expect(await listOrders(db, { limit: 10 })).toHaveLength(3);
    expect(held()).toBeCloseTo(0.01, 9);
  });

  it('attaches stop-loss and take-profit and closes the position when the price touches one', async () => {
    const { venue, protections, run, held } = await setup();
    await run({ action: 'long', amount: 1, stopLoss: { percent: 5 }, takeProfit: { price: 120 } });
    expect(protections.get(bot.id, 'SOL/USDT')).toEqual({ stopLoss: 95, takeProfit: 120, closeError: null });
    expect(protections.onPrice('SOL/USDT', 96)).toBeUndefined();
    venue.markPrice('SOL/USDT', 94.5);
    await protections.onPrice('SOL/USDT', 94.5);
    expect(held()).toBe(0);
    expect(protections.get(bot.id, 'SOL/USDT')).toBeUndefined();
    expect(protections.onPrice('SOL/USDT', 90)).toBeUndefined();
  });

  it('places a short stop above the entry and its target below', async () => {
    const { venue, protections, run, held } = await setup();
    await run({ action: 'short', amount: 1, stopLoss: { percent: 2 }, takeProfit: { percent: 10 } });
    expect(protections.get(bot.id, 'SOL/USDT')).toEqual({ stopLoss: 102, takeProfit: 90, closeError: null });
    venue.markPrice('SOL/USDT', 89.9);
    await protections.onPrice('SOL/USDT', 89.9);
    expect(held()).toBe(0);
  });

  it('leaves the alert open, and the later legs unplaced, while a leg’s outcome is unknown', async () => {
    const { db, venue, orders, protections } = await setup();
    await orders.place({ botId: bot.id, symbol: 'SOL/USDT', side: 'SELL', type: 'MARKET', qty: 2 });
    // A remote venue whose answer is lost: the order stays PENDING_SUBMIT, to be reconciled.
    const lost = delegatingVenue(venue, { inProcess: false, onEvent: () => undefined, fetchOrder: async () => null, submit: () => Promise.reject(new Error('socket hang up')) });
    const remote = new OrderManager({ db, venues: new VenueRegistry([['paper', lost]]), bus: new EventBus(() => undefined), clock: manualClock(), logger: silentLogger });
    await remote.loadPositions();
    const executor = new SignalExecutor({ db, orders: remote, protections, instruments: () => [SOL, BTC], lastPrice: (s) => venue.lastPrice(s), equity: async () => 10_000 });
    const alertId = (await insertAlertOnce(db, { dedupeKey: 'lost', botId: bot.id, receivedAt: 0, commandJson: '{}' })) ?? 0;
    const result = await executor.execute(bot, { bot: bot.id, passphrase: '', action: 'long', symbol: null, amount: null, amountType: 'base', orderType: 'market', price: null, stopLoss: null, takeProfit: null, id: null, time: null, comment: null }, alertId);
    expect(result).toEqual({ outcome: 'pending', reason: "Leg 1 of 2 (BUY 2 SOL/USDT) awaits the venue's answer", orderIds: [`sr-alert-${alertId}-0`] });
    expect((await legsOf(db, alertId)).map((l) => l.status)).toEqual(['pending', 'pending']);
    expect((await listOrders(db, { limit: 10 })).find((o) => o.clientOrderId === `sr-alert-${alertId}-0`)?.status).toBe('PENDING_SUBMIT');
    expect(await listOrders(db, { limit: 10 })).toHaveLength(2);
  });
});
