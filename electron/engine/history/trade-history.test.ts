import { join } from 'node:path';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRADE_SORT_KEYS, type HistoryTrade, type TradeFilter, type TradeSort } from '../../../shared/contract/trade-history.ts';
import type { OrderSource } from '../../../shared/domain/order.ts';
import { insertBot, markBotDeleted } from '../persistence/bots.repository.ts';
import type { Database } from '../persistence/database.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { tradePage, tradeTotals } from './trade-history.ts';

const BOTS = [
  { id: 'b-trend', name: 'SOL trend', account: 'paper' },
  { id: 'b-alert', name: 'TV alerts', account: 'binance-1' },
  { id: 'b-gone', name: 'Deleted bot', account: 'paper' },
] as const;
const SYMBOLS = ['SOL/USDT', 'BTC/USDT', 'ETH/USDT'] as const;
const SOURCES: (OrderSource | null)[] = ['strategy', 'alert', 'manual', null];

interface Seed {
  bot: number;
  symbol: number;
  short: boolean;
  pnl: number;
  qty: number;
  openedAt: number;
  hold: number;
  source: number;
}

let db: Kysely<Database>;
let all: HistoryTrade[];

/** The same ledger, filtered and sorted in plain code: what every page must add up to. */
function reference(filter: TradeFilter, sort: TradeSort): HistoryTrade[] {
  const kept = all.filter(
    (t) =>
      (filter.from === undefined || t.closedAt >= filter.from) &&
      (filter.to === undefined || t.closedAt <= filter.to) &&
      (!filter.botIds || filter.botIds.includes(t.botId)) &&
      (!filter.accountIds || filter.accountIds.includes(t.accountId)) &&
      (!filter.mode || (filter.mode === 'paper') === (t.accountId === 'paper')) &&
      (!filter.symbols || filter.symbols.includes(t.symbol)) &&
      (!filter.side || filter.side === t.side) &&
      (!filter.outcome || (filter.outcome === 'win') === t.realizedPnl > 0) &&
      (filter.pnlMin === undefined || t.realizedPnl >= filter.pnlMin) &&
      (filter.pnlMax === undefined || t.realizedPnl <= filter.pnlMax) &&
      (!filter.sources || (t.source !== null && filter.sources.includes(t.source))),
  );
  const key = (t: HistoryTrade): (number | string)[] =>
    ({ closedAt: [t.closedAt], bot: [t.botId, t.closedAt], symbol: [t.symbol, t.closedAt], pnl: [t.realizedPnl], return: [t.returnRatio], duration: [t.durationMs] })[sort.by].concat(t.id);
  const compare = (a: HistoryTrade, b: HistoryTrade) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) < (kb[i] as number) ? -1 : 1;
    return 0;
  };
  return kept.sort((a, b) => (sort.dir === 'asc' ? compare(a, b) : compare(b, a)));
}

async function everyPage(filter: TradeFilter, sort: TradeSort, limit: number): Promise<HistoryTrade[]> {
  const rows: HistoryTrade[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await tradePage(db, { filter, sort, cursor, limit });
    if (!page.ok) throw new Error(page.error.message);
    rows.push(...page.value.rows);
    if (page.value.next === null) return rows;
    cursor = page.value.next;
  }
}

beforeAll(async () => {
  ({ db } = await openDatabase(join(tempDir(), 'history.sqlite')));
  for (const bot of BOTS) {
    await insertBot(db, { id: bot.id, name: bot.name, symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 1, account: bot.account, status: 'stopped', createdAt: 0, updatedAt: 0 });
  }
  const seeds = fc.sample(
    fc.record({ bot: fc.nat(2), symbol: fc.nat(2), short: fc.boolean(), pnl: fc.integer({ min: -500, max: 500 }), qty: fc.integer({ min: 1, max: 4 }), openedAt: fc.nat(50), hold: fc.nat(5), source: fc.nat(3) }),
    { numRuns: 300, seed: 11 },
  ) as Seed[];
  for (const s of seeds) {
    const bot = BOTS[s.bot] ?? BOTS[0];
    // Small integer ranges make ties in every sort column: the id must break them.
    await db
      .insertInto('trades')
      .values({ botId: bot.id, symbol: SYMBOLS[s.symbol] ?? 'SOL/USDT', side: s.short ? 'SHORT' : 'LONG', qty: s.qty, avgPxOpen: 100, avgPxClose: 100 + s.pnl / (10 * s.qty), realizedPnl: s.pnl / 4, fees: 0.25, openedAt: s.openedAt, closedAt: s.openedAt + s.hold, accountId: bot.account, entryOrderId: null, exitOrderId: null, source: SOURCES[s.source] ?? null, alertId: null })
      .execute();
  }
  await markBotDeleted(db, 'b-gone', 1);
  all = (await db.selectFrom('trades').innerJoin('bots', 'bots.id', 'trades.botId').selectAll('trades').select('bots.name as botName').execute()).map((t) => ({ ...t, side: t.side === 'SHORT' ? 'SHORT' : 'LONG' }));
});

afterAll(() => db.destroy());

/** Each part of the filter given one time in five, so most filters still match many trades. */
const sometimes = <T,>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const filters = fc.record({
  from: sometimes(fc.nat(55)),
  to: sometimes(fc.nat(60)),
  botIds: sometimes(fc.subarray(BOTS.map((b) => b.id), { minLength: 1 })),
  accountIds: sometimes(fc.subarray(['paper', 'binance-1'], { minLength: 1 })),
  mode: sometimes(fc.constantFrom('paper' as const, 'live' as const)),
  symbols: sometimes(fc.subarray([...SYMBOLS], { minLength: 1 })),
  side: sometimes(fc.constantFrom('LONG' as const, 'SHORT' as const)),
  outcome: sometimes(fc.constantFrom('win' as const, 'loss' as const)),
  pnlMin: sometimes(fc.integer({ min: -130, max: 130 })),
  pnlMax: sometimes(fc.integer({ min: -130, max: 130 })),
  sources: sometimes(fc.subarray(['strategy', 'alert', 'manual'] as OrderSource[], { minLength: 1 })),
});
const sorts = fc.record({ by: fc.constantFrom(...TRADE_SORT_KEYS), dir: fc.constantFrom('asc' as const, 'desc' as const) });

describe('the trade history', () => {
  it('pages through exactly what the filter matches, in the sort asked, each trade once, for any filter, sort and page size', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(filters, sorts, fc.integer({ min: 1, max: 40 }), async (filter, sort, limit) => {
        const valid = { ...filter, ...(filter.from !== undefined && filter.to !== undefined && filter.from > filter.to ? { to: filter.from } : {}), ...(filter.pnlMin !== undefined && filter.pnlMax !== undefined && filter.pnlMin > filter.pnlMax ? { pnlMax: filter.pnlMin } : {}) };
        const paged = await everyPage(valid, sort, limit);
        expect(paged.map((t) => t.id)).toEqual(reference(valid, sort).map((t) => t.id));
        if (paged.length > limit) nonEmpty += 1;
      }),
      { numRuns: 120, seed: 5 },
    );
    // The property is worth something only if many runs crossed pages.
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it('lists a deleted bot’s trades under its name, with provenance, return and duration', async () => {
    const page = await tradePage(db, { filter: { botIds: ['b-gone'] }, sort: { by: 'closedAt', dir: 'asc' }, limit: 1 });
    expect(page.ok && page.value.rows[0]).toMatchObject({ botId: 'b-gone', botName: 'Deleted bot', accountId: 'paper' });
    const [first] = page.ok ? page.value.rows : [];
    expect(first?.durationMs).toBe((first?.closedAt ?? 0) - (first?.openedAt ?? 0));
    expect(first?.returnRatio).toBeCloseTo((first?.realizedPnl ?? 0) / ((first?.qty ?? 1) * 100), 12);
  });

  it('totals the whole filter: count, net P&L, fees and win rate', async () => {
    const filter: TradeFilter = { mode: 'live', side: 'LONG' };
    const expected = reference(filter, { by: 'closedAt', dir: 'desc' });
    const totals = await tradeTotals(db, filter);
    expect(totals.count).toBe(expected.length);
    expect(totals.netPnl).toBeCloseTo(expected.reduce((sum, t) => sum + t.realizedPnl, 0), 6);
    expect(totals.fees).toBeCloseTo(expected.length * 0.25, 6);
    expect(totals.winRate).toBeCloseTo(expected.filter((t) => t.realizedPnl > 0).length / expected.length, 12);
    expect(await tradeTotals(db, { from: 10_000 })).toEqual({ count: 0, netPnl: 0, fees: 0, winRate: null });
  });

  it('refuses a cursor it did not make, or one from another sort, with words a trader reads', async () => {
    const first = await tradePage(db, { filter: {}, sort: { by: 'bot', dir: 'asc' }, limit: 2 });
    const next = first.ok ? (first.value.next ?? '') : '';
    for (const cursor of ['garbage', Buffer.from('[1,"x"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), next]) {
      const page = await tradePage(db, { filter: {}, sort: { by: 'pnl', dir: 'asc' }, cursor, limit: 2 });
      expect(page.ok ? null : page.error.message).toBe('This page position is not valid for the chosen sort; start again from the first page');
    }
  });
});
