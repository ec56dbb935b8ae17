import { describe, expect, it } from 'vitest';
import type { HistoryTrade, TradePage } from '../../../shared/contract/trade-history.ts';
import { type FetchPage, TradePager } from './trade-pager.ts';

const row = (id: number): HistoryTrade => ({ id, botId: 'b', botName: 'bot', symbol: 'BTC/USDT', side: 'LONG', qty: 1, avgPxOpen: 1, avgPxClose: 1, realizedPnl: id, fees: 0, openedAt: 0, closedAt: id, accountId: 'paper', entryOrderId: null, exitOrderId: null, source: null, alertId: null, returnRatio: 0, durationMs: 0 });

/** A fetch whose answers the test releases by hand, in any order. */
function controlled() {
  const pending: { input: Parameters<FetchPage>[0]; resolve(page: TradePage): void }[] = [];
  const fetch: FetchPage = (input) => new Promise((resolve) => pending.push({ input, resolve }));
  return { fetch, pending };
}

const query = { filter: {}, sort: { by: 'closedAt' as const, dir: 'desc' as const } };

describe('the trade history pager', () => {
  it('follows the cursor page after page and stops at the last', async () => {
    const { fetch, pending } = controlled();
    const pager = new TradePager(fetch, () => undefined, query);
    const first = pager.reset(query);
    pending[0]!.resolve({ rows: [row(1), row(2)], next: 'c1' });
    await first;
    const second = pager.loadMore();
    expect(pending[1]!.input.cursor).toBe('c1');
    pending[1]!.resolve({ rows: [row(3)], next: null });
    await second;
    expect(pager.state.rows.map((r) => r.id)).toEqual([1, 2, 3]);
    await pager.loadMore();
    expect(pending).toHaveLength(2);
  });

  it('asks for one page at a time while the trader keeps scrolling', async () => {
    const { fetch, pending } = controlled();
    const pager = new TradePager(fetch, () => undefined, query);
    void pager.reset(query);
    void pager.loadMore();
    void pager.loadMore();
    expect(pending).toHaveLength(1);
  });

  it('drops a page of the old filter that lands after the new filter’s first page', async () => {
    const { fetch, pending } = controlled();
    const pager = new TradePager(fetch, () => undefined, query);
    const old = pager.reset(query);
    const fresh = pager.reset({ ...query, filter: { side: 'SHORT' } });
    pending[1]!.resolve({ rows: [row(9)], next: null });
    await fresh;
    pending[0]!.resolve({ rows: [row(1), row(2)], next: 'c1' });
    await old;
    expect(pager.state.rows.map((r) => r.id)).toEqual([9]);
    expect(pager.state.more).toBe(false);
  });

  it('keeps the rows it has and says why when a page fails, and can try again', async () => {
    let fail = true;
    const pager = new TradePager(async () => {
      if (fail) throw new Error('The engine did not answer');
      return { rows: [row(5)], next: null };
    }, () => undefined, query);
    await pager.reset(query);
    expect(pager.state).toMatchObject({ rows: [], error: 'The engine did not answer', loading: false });
    fail = false;
    await pager.loadMore();
    expect(pager.state).toMatchObject({ error: null, more: false });
    expect(pager.state.rows).toHaveLength(1);
  });
});
