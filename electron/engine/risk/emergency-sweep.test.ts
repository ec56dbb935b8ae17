import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../../shared/domain/bot.ts';
import { fail, ok } from '../../../shared/errors.ts';
import { EventBus } from '../event-bus.ts';
import { OrderManager } from '../execution/order-manager.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { findOrder } from '../persistence/orders.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { delegatingVenue } from '../testing/delegating-venue.ts';
import { until } from '../testing/full-disk.ts';
import { ScriptedVenue } from '../testing/scripted-venue.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../venues/venue-registry.ts';
import { EmergencyStop } from './emergency-stop.ts';

const SOL = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };
const bot = (id: string, account: string): Bot => ({ id, name: id, symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 10 }, orderQty: 1, account, status: 'running', createdAt: 0, updatedAt: 0 });

/** Real SQLite, the real order manager, the paper venue and a remote venue that refuses each order's first cancel. */
async function setup() {
  const { db, close } = await openDatabase(join(tempDir(), 'stop.sqlite'));
  for (const b of [bot('p1', 'paper'), bot('p2', 'paper'), bot('r1', 'remote')]) await insertBot(db, b);
  const paper = new PaperVenue([SOL], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
  paper.markPrice('SOL/USDT', 100);
  const scripted = new ScriptedVenue('remote');
  scripted.answerCancelsAtOnce();
  const refusedOnce = new Set<string>();
  /** Orders whose cancel the venue carries out but whose reply is lost on the way back. */
  const lostCancelReplies = new Set<string>();
  const remote = delegatingVenue(scripted, {
    cancel: async (ref) => {
      if (lostCancelReplies.has(ref.clientOrderId)) {
        await scripted.cancel(ref);
        throw new Error('socket hang up');
      }
      if (refusedOnce.has(ref.clientOrderId)) return scripted.cancel(ref);
      refusedOnce.add(ref.clientOrderId);
      return Promise.resolve(fail('UNAVAILABLE', 'Too many requests: retry in 1 s'));
    },
  });
  const venues = new VenueRegistry([['paper', paper], ['remote', remote]]);
  const clock = manualClock();
  const bus = new EventBus((e) => {
    throw e;
  });
  const orders: OrderManager = new OrderManager({ db, venues, bus, clock, logger: silentLogger, blockedAccount: (_account, reduceOnly): string | null => stop.refusal(reduceOnly) });
  const stop: EmergencyStop = new EmergencyStop({ db, orders, venues, bus, clock, logger: silentLogger, pacing: { firstMs: 5, maxMs: 20 } });
  await stop.restore();
  return { db, close, paper, scripted, refusedOnce, lostCancelReplies, orders, stop };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function restingRemoteBuy({ orders, scripted }: Setup, clientOrderId: string) {
  const placing = orders.place({ clientOrderId, botId: 'r1', symbol: 'SOL/USDT', side: 'BUY', type: 'LIMIT', qty: 1, price: 80 });
  await until(() => scripted.submitted.some((o) => o.clientOrderId === clientOrderId), 'the order to reach the remote venue');
  scripted.answerSubmit(clientOrderId, ok({ venueOrderId: `v-${clientOrderId}`, fills: [] }));
  scripted.setView({ clientOrderId, venueOrderId: `v-${clientOrderId}`, symbol: 'SOL/USDT', status: 'open', side: 'BUY', type: 'LIMIT', qty: 1, price: 80, fills: [], reason: null, ts: 0 });
  return placing;
}

const auditActions = async ({ db }: Setup) => (await db.selectFrom('auditLog').select('action').where('entity', '=', 'emergency_stop').orderBy('id').execute()).map((r) => r.action);

describe('emergency stop: cancel and flatten', () => {
  it('cancels every open order on every venue, retrying a refused cancel until the venues show none', async () => {
    const s = await setup();
    const paperBuy = await s.orders.place({ botId: 'p1', symbol: 'SOL/USDT', side: 'BUY', type: 'LIMIT', qty: 1, price: 90 });
    expect(paperBuy.status).toBe('ACCEPTED');
    const remoteBuys = [await restingRemoteBuy(s, 'sr-r1'), await restingRemoteBuy(s, 'sr-r2')];
    expect(remoteBuys.map((o) => o.status)).toEqual(['ACCEPTED', 'ACCEPTED']);

    await s.stop.engage('cancel', 'button');
    await until(() => s.stop.status().progress.done, 'the venues to show no open order');

    expect(await s.paper.openOrders()).toEqual([]);
    expect(await s.scripted.openOrders()).toEqual([]);
    expect([...s.refusedOnce].sort()).toEqual(['sr-r1', 'sr-r2']); // each refused once, then canceled
    for (const id of [paperBuy.clientOrderId, 'sr-r1', 'sr-r2']) expect((await findOrder(s.db, id))?.status).toBe('CANCELED');
    expect(s.stop.status()).toMatchObject({ level: 'cancel', by: 'button', progress: { openOrdersLeft: 0, done: true, lastError: null } });
    const actions = await auditActions(s);
    expect(actions[0]).toBe('emergency_stop.engaged');
    expect(actions).toContain('emergency_stop.round'); // the round the refusals left work for
    expect(actions.at(-1)).toBe('emergency_stop.done');
    const details = await s.db.selectFrom('auditLog').select('detailJson').where('action', '=', 'emergency_stop.round').execute();
    const canceled = details.flatMap((d) => (JSON.parse(d.detailJson) as { canceled: string[] }).canceled);
    expect(canceled.sort()).toEqual([paperBuy.clientOrderId, 'sr-r1', 'sr-r2'].sort()); // every cancel that went through is in the audit log
    await s.close();
  });

  it('flattens every position with reduce-only market orders and refuses any new entry meanwhile', async () => {
    const s = await setup();
    for (const [botId, qty] of [['p1', 2], ['p2', 0.5]] as const) {
      expect((await s.orders.place({ botId, symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty })).status).toBe('FILLED');
    }
    await s.stop.engage('flatten', 'api');
    await until(() => s.stop.status().progress.done, 'every position to be flat');
    expect(s.orders.positionEntries().map((p) => p.state.netQty)).toEqual([0, 0]);
    expect(s.stop.status().progress).toMatchObject({ positionsLeft: 0, openOrdersLeft: 0 });

    const entry = await s.orders.place({ botId: 'p1', symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    expect(entry).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringContaining('Emergency stop (flatten)') });
    await s.close();
  });

  it('is idempotent and a lower level never lowers the one in force; only a lift ends it', async () => {
    const s = await setup();
    const first = await s.stop.engage('cancel', 'menu');
    expect(await s.stop.engage('block', 'api')).toEqual(await s.stop.engage('cancel', 'api'));
    expect(s.stop.status()).toMatchObject({ level: 'cancel', since: first.since, by: 'menu' });
    expect(s.stop.refusal(false)).toContain('Emergency stop (cancel)');
    expect(s.stop.refusal(true)).toBeNull();
    await until(() => s.stop.status().progress.done, 'the sweep to find nothing to cancel');
    await s.stop.lift('button');
    expect(s.stop.status()).toEqual({ level: null, since: null, by: null, progress: { openOrdersLeft: null, positionsLeft: null, done: false, lastError: null } });
    expect(s.stop.refusal(false)).toBeNull();
    expect((await s.orders.place({ botId: 'p1', symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 1 })).status).toBe('FILLED');
    expect(await auditActions(s)).toEqual(['emergency_stop.engaged', 'emergency_stop.done', 'emergency_stop.lifted']);
    await s.close();
  });

  it('a stop pressed while a lift is being written holds, in memory and in the stored row', async () => {
    const s = await setup();
    await s.stop.engage('block', 'button');
    const lifting = s.stop.lift('button');
    const pressed = s.stop.engage('block', 'shortcut');
    await Promise.all([lifting, pressed]);
    expect(s.stop.status()).toMatchObject({ level: 'block', by: 'shortcut' });
    const restarted = new EmergencyStop({ db: s.db, orders: s.orders, venues: new VenueRegistry(), bus: new EventBus(() => undefined), clock: manualClock(), logger: silentLogger });
    await restarted.restore();
    expect(restarted.status()).toMatchObject({ level: 'block', by: 'shortcut' });
    await s.close();
  });

  it('a stop that cannot be saved still holds (and says so); a lift that cannot be saved changes nothing', async () => {
    const s = await setup();
    // Every write of the stop's row fails, as on a disk that refuses writes.
    const refuseWrites = async (on: boolean) => {
      for (const op of ['insert', 'update', 'delete']) {
        await sql.raw(on ? `create trigger refuse_${op} before ${op} on emergency_stop begin select raise(fail, 'disk I/O error'); end` : `drop trigger refuse_${op}`).execute(s.db);
      }
    };
    await refuseWrites(true);
    const stopped = await s.stop.engage('block', 'button');
    expect(stopped).toMatchObject({ level: 'block', progress: { lastError: expect.stringContaining('could not be saved') } });
    expect(s.stop.refusal(false)).toContain('Emergency stop (block)');
    await refuseWrites(false);
    await s.stop.engage('cancel', 'button'); // saved now
    await until(() => s.stop.status().progress.done, 'the sweep to find nothing to cancel');
    await refuseWrites(true);
    await expect(s.stop.lift('button')).rejects.toThrow('disk I/O error');
    expect(s.stop.status().level).toBe('cancel');
    expect(s.stop.refusal(false)).toContain('Emergency stop (cancel)');
    await s.close();
  });
});

describe('emergency stop under attack', () => {
  it('a cancel round that meets a database error (a full disk) keeps retrying and ends with no open order', async () => {
    const s = await setup();
    const buy = await s.orders.place({ botId: 'p1', symbol: 'SOL/USDT', side: 'BUY', type: 'LIMIT', qty: 1, price: 90 });
    await sql.raw(`create trigger refuse_order_update before update on orders begin select raise(fail, 'database or disk is full'); end`).execute(s.db);
    await s.stop.engage('cancel', 'button');
    await until(async () => (await auditActions(s)).includes('emergency_stop.round'), 'a round that met the error');
    expect(s.stop.status().progress.lastError).toContain('database or disk is full');
    await sql.raw('drop trigger refuse_order_update').execute(s.db);
    await until(() => s.stop.status().progress.done, 'the venues to show no open order');
    expect(await s.paper.openOrders()).toEqual([]);
    expect((await findOrder(s.db, buy.clientOrderId))?.status).toBe('CANCELED');
    await s.close();
  });

  it('a lift during a flatten: the sweep places no further close after it', async () => {
    const s = await setup();
    await s.orders.adjustPosition('r1', 'SOL/USDT', 1, 100, 'held at the remote venue');
    expect((await s.orders.place({ botId: 'p1', symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 1 })).status).toBe('FILLED');
    await s.stop.engage('flatten', 'button');
    await until(() => s.scripted.submitted.some((o) => o.reduceOnly === true), 'the remote close to be on its way');
    await s.stop.lift('button');
    const remoteClose = s.scripted.submitted.find((o) => o.reduceOnly === true);
    s.scripted.answerSubmit(remoteClose?.clientOrderId ?? '', ok({ venueOrderId: 'v-close', fills: [] }));
    await s.stop.settled();
    expect(s.orders.position('p1', 'SOL/USDT').netQty).toBe(1); // the trader lifted the stop before this close: it stays open
    await s.close();
  });

  it('a flatten close whose reply was lost (never reached the venue) is asked after and sent again, until flat', async () => {
    const s = await setup();
    await s.orders.adjustPosition('r1', 'SOL/USDT', 1, 100, 'held at the remote venue');
    await s.stop.engage('flatten', 'button');
    const closes = () => s.scripted.submitted.filter((o) => o.reduceOnly === true);
    await until(() => closes().length === 1, 'the first close to be on its way');
    s.scripted.answerSubmit(closes()[0]?.clientOrderId ?? '', 'lost'); // the venue never saw it
    await until(() => closes().length === 2, 'the close to be sent again');
    const again = closes()[1]?.clientOrderId ?? '';
    s.scripted.answerSubmit(again, ok({ venueOrderId: 'v-again', fills: [{ fillId: 'f1', clientOrderId: again, qty: 1, px: 100, fee: 0, ts: 0 }] }));
    await until(() => s.stop.status().progress.done, 'the position to be flat');
    expect(s.orders.position('r1', 'SOL/USDT').netQty).toBe(0);
    expect(closes()).toHaveLength(2); // never a third: no over-close
    await s.close();
  });

  it('a take-profit whose cancel reply was lost does not block the flatten: it is asked of the venue, then the close goes', async () => {
    const s = await setup();
    await s.orders.adjustPosition('r1', 'SOL/USDT', 1, 100, 'held at the remote venue');
    const placing = s.orders.place({ clientOrderId: 'tp', botId: 'r1', symbol: 'SOL/USDT', side: 'SELL', type: 'LIMIT', qty: 1, price: 120 });
    await until(() => s.scripted.submitted.length === 1, 'the take-profit to reach the venue');
    s.scripted.answerSubmit('tp', ok({ venueOrderId: 'v-tp', fills: [] }));
    s.scripted.setView({ clientOrderId: 'tp', venueOrderId: 'v-tp', symbol: 'SOL/USDT', status: 'open', side: 'SELL', type: 'LIMIT', qty: 1, price: 120, fills: [], reason: null, ts: 0 });
    expect((await placing).status).toBe('ACCEPTED');
    s.refusedOnce.add('tp');
    s.lostCancelReplies.add('tp');
    await s.stop.engage('flatten', 'button');
    const closes = () => s.scripted.submitted.filter((o) => o.reduceOnly === true);
    await until(() => closes().length === 1, 'the close to be sent once the take-profit is known canceled');
    const close = closes()[0]?.clientOrderId ?? '';
    s.scripted.answerSubmit(close, ok({ venueOrderId: 'v-close', fills: [{ fillId: 'fc', clientOrderId: close, qty: 1, px: 100, fee: 0, ts: 0 }] }));
    await until(() => s.stop.status().progress.done, 'the position to be flat');
    expect(s.orders.position('r1', 'SOL/USDT').netQty).toBe(0);
    expect((await findOrder(s.db, 'tp'))?.status).toBe('CANCELED');
    await s.close();
  });

  it('cancel: an entry still on its way to the venue when the stop is pressed is canceled once it lands, not left open', async () => {
    const s = await setup();
    const placing = s.orders.place({ clientOrderId: 'late', botId: 'r1', symbol: 'SOL/USDT', side: 'BUY', type: 'LIMIT', qty: 1, price: 80 });
    await until(() => s.scripted.submitted.length === 1, 'the entry to be on its way');
    await s.stop.engage('cancel', 'button');
    await until(async () => (await auditActions(s)).length >= 2, 'a first round');
    s.scripted.setView({ clientOrderId: 'late', venueOrderId: 'v-late', symbol: 'SOL/USDT', status: 'open', side: 'BUY', type: 'LIMIT', qty: 1, price: 80, fills: [], reason: null, ts: 0 });
    s.scripted.answerSubmit('late', ok({ venueOrderId: 'v-late', fills: [] })); // it lands after the stop
    await placing;
    await until(async () => s.stop.status().progress.done && (await s.scripted.openOrders()).length === 0, 'the venue to show no open order');
    await until(async () => (await findOrder(s.db, 'late'))?.status === 'CANCELED', 'the entry to be canceled');
    await s.close();
  });

  it('flatten: a remainder under one step of the venue (no order can close it) ends the sweep, said in the audit log, not retried for ever', async () => {
    const s = await setup();
    expect((await s.orders.place({ botId: 'p1', symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 1 })).status).toBe('FILLED');
    await s.orders.adjustPosition('p1', 'SOL/USDT', 0.0004, 100, 'a fee taken in SOL');
    await s.stop.engage('flatten', 'button');
    await until(() => s.stop.status().progress.done, 'the sweep to end');
    expect(s.orders.position('p1', 'SOL/USDT').netQty).toBeCloseTo(0.0004, 10); // never over-closed
    const done = await s.db.selectFrom('auditLog').select('detailJson').where('action', '=', 'emergency_stop.done').executeTakeFirstOrThrow();
    expect(done.detailJson).toContain('less than one step (0.001)');
    await s.close();
  });
});
