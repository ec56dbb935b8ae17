import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { DEFAULT_SIZING, type BotSizing } from '../../../../shared/domain/bot-sizing.ts';
import { EventBus } from '../../event-bus.ts';
import { OrderManager, type PlaceOrder } from '../../execution/order-manager.ts';
import { insertBot } from '../../persistence/bots.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { listOrders } from '../../persistence/orders.repository.ts';
import { silentLogger } from '../../ports/logger.ts';
import { ScriptedVenue } from '../../testing/scripted-venue.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { PaperVenue } from '../../venues/paper/paper-venue.ts';
import type { Venue } from '../../venues/venue.ts';
import { VenueRegistry } from '../../venues/venue-registry.ts';
import { EntryChecks } from '../entry-checks.ts';
import { botEntryLimits, utcTime } from './entry-limits.ts';

const market = (symbol: string) => ({ venue: 'paper', symbol, base: symbol.split('/')[0] ?? symbol, quote: 'USDT', tickSize: 0.01, stepSize: 0.01, minNotional: 1 });
const MINUTE = 60_000;

async function setup(sizing: Partial<BotSizing> | null, options: { remote?: boolean; strategy?: Bot['strategy'] } = {}) {
  const { db } = await openDatabase(join(tempDir(), 'limits.sqlite'));
  const clock = manualClock(Date.UTC(2026, 10, 25, 13, 50));
  const paper = new PaperVenue([market('SOL/USDT'), market('ETH/USDT')], clock, { takerFee: 0, makerFee: 0, slippageBps: 0 });
  paper.markPrice('SOL/USDT', 100);
  paper.markPrice('ETH/USDT', 100);
  const venue: Venue = options.remote ? new ScriptedVenue('paper') : paper;
  const checks = new EntryChecks(silentLogger);
  checks.add('bot entry limits', botEntryLimits);
  const strategy = options.strategy ?? { kind: 'ma_crossover', fast: 2, slow: 3 };
  const bot: Bot = { id: 'b1', name: 'SOL trend', symbol: 'SOL/USDT', timeframe: '1m', strategy, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0, ...(sizing ? { sizing: { ...DEFAULT_SIZING, ...sizing } } : {}) };
  await insertBot(db, bot);
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus((e) => { throw e; }), clock, logger: silentLogger, entryChecks: checks });
  const place = (side: 'BUY' | 'SELL', extra: Partial<PlaceOrder> = {}) => orders.place({ botId: 'b1', symbol: 'SOL/USDT', side, type: 'MARKET', qty: 1, source: 'alert', ...extra });
  const statuses = async () => (await listOrders(db, { limit: 1000 })).map((o) => o.status);
  return { db, orders, clock, place, statuses };
}

const count = (list: string[], status: string) => list.filter((s) => s === status).length;

describe('a bot’s own entry limits, inside the write-ahead transaction', () => {
  it('lets 3 of 100 simultaneous entries through when 3 are allowed, and says why to the others', async () => {
    const { place, statuses } = await setup({ maxEntries: 3 });
    const placed = await Promise.all(Array.from({ length: 100 }, () => place('BUY')));
    expect(count(await statuses(), 'FILLED')).toBe(3);
    expect(placed.filter((o) => o.status === 'REJECTED').map((o) => o.rejectReason)).toEqual(Array(97).fill("Bot 'SOL trend': the SOL/USDT position already has 3 of 3 allowed entries"));
  });

  it('counts entries still waiting at a remote venue, so 100 signals cannot pass before the first fill', async () => {
    const { place, statuses } = await setup({ maxEntries: 2 }, { remote: true });
    for (let i = 0; i < 100; i++) void place('BUY');
    await expect.poll(async () => (await statuses()).length).toBe(100);
    const all = await statuses();
    expect([count(all, 'PENDING_SUBMIT'), count(all, 'REJECTED')]).toEqual([2, 98]);
  });

  it('never holds back an exit, even at the limit', async () => {
    const { place } = await setup({ maxEntries: 1, cooldown: 30 });
    expect((await place('BUY')).status).toBe('FILLED');
    expect((await place('SELL')).status).toBe('FILLED'); // an alert's close leg: not reduce-only, still an exit
  });

  it('waits out the cooldown after an exit, to the minute boundary', async () => {
    const { place, clock } = await setup({ maxEntries: 1, cooldown: 15, cooldownUnit: 'minutes' });
    await place('BUY');
    await place('SELL', { reduceOnly: true });
    clock.advance(5 * MINUTE);
    expect(await place('BUY')).toMatchObject({ status: 'REJECTED', rejectReason: "Bot 'SOL trend': cooldown after exit until 14:05 UTC (the SOL/USDT position closed at 13:50 UTC; cooldown 15 minutes)" });
    clock.advance(10 * MINUTE - 1);
    expect((await place('SELL')).status).toBe('REJECTED'); // a new short is an entry too
    clock.advance(1);
    expect((await place('BUY')).status).toBe('FILLED');
  });

  it('counts a cooldown in bars of the bot’s timeframe', async () => {
    const { place, clock } = await setup({ cooldown: 2, cooldownUnit: 'bars' });
    await place('BUY');
    await place('SELL', { reduceOnly: true });
    clock.advance(MINUTE + 30_000);
    expect((await place('BUY')).rejectReason).toBe("Bot 'SOL trend': cooldown after exit until 13:52 UTC (the SOL/USDT position closed at 13:50 UTC; cooldown 2 1m bars)");
  });

  it('opens no position in another symbol beyond the bot’s maximum', async () => {
    const { place } = await setup({ maxEntries: 5, maxOpenPositions: 1 });
    await place('BUY');
    expect((await place('BUY', { symbol: 'ETH/USDT' })).rejectReason).toBe("Bot 'SOL trend': already 1 open position (SOL/USDT) of 1 allowed; no new one in ETH/USDT");
    expect((await place('BUY')).status).toBe('FILLED'); // adding to the open one is not a new position
    await place('SELL', { reduceOnly: true, qty: 2 });
    expect((await place('BUY', { symbol: 'ETH/USDT' })).status).toBe('FILLED');
  });

  it('keeps 100 simultaneous signals across two symbols to one open position', async () => {
    const { place, db } = await setup({ maxEntries: 1, maxOpenPositions: 1 }, { remote: true });
    for (let i = 0; i < 100; i++) void place('BUY', { symbol: i % 2 ? 'ETH/USDT' : 'SOL/USDT' });
    await expect.poll(async () => (await listOrders(db, { limit: 1000 })).length).toBe(100);
    const waiting = (await listOrders(db, { limit: 1000 })).filter((o) => o.status === 'PENDING_SUBMIT');
    expect(waiting).toHaveLength(1);
  });

  it('leaves a bot stored before sizing unlimited, but a TradingView bot keeps its max entries', async () => {
    const legacy = await setup(null);
    expect([(await legacy.place('BUY')).status, (await legacy.place('BUY')).status]).toEqual(['FILLED', 'FILLED']);
    const tradingView = await setup(null, { strategy: { kind: 'tradingview', maxEntries: 1 } });
    await tradingView.place('BUY');
    expect((await tradingView.place('BUY')).rejectReason).toBe("Bot 'SOL trend': the SOL/USDT position already has 1 of 1 allowed entry");
  });
});

describe('the times a cooldown refusal shows', () => {
  it('names the day only when it is not today (UTC), and seconds only when there are some', () => {
    const now = Date.UTC(2026, 10, 25, 23, 50);
    expect(utcTime(Date.UTC(2026, 10, 25, 23, 55), now)).toBe('23:55 UTC');
    expect(utcTime(Date.UTC(2026, 10, 26, 0, 5, 30), now)).toBe('2026-11-26 00:05:30 UTC');
  });
});
