import { describe, expect, it } from 'vitest';
import { ACCOUNT, databaseFile, fill, flush, insertAccountBot, placeLimit, session, view } from './reconcile-test-setup.ts';

const settled = <T>(promise: Promise<T>) => {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
};

/** Waits (in real time, a few ms at most) until the reconciler reports the state. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(check()).toBe(true);
}

describe('an account takes no new order until its reconciliation has finished', () => {
  it('blocks while the start reconciliation runs, and opens when it ends', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    s.venue.beforeAnswer = () => held;
    const waiting = settled(s.reconciler.ready(ACCOUNT)); // asked before the account is even registered
    const start = s.reconciler.register(s.target);
    await flush();
    expect(s.reconciler.status(ACCOUNT)?.state).toBe('reconciling');
    expect(s.reconciler.admission(ACCOUNT)).toMatch(/being reconciled/);
    expect(waiting.done).toBe(false);
    release();
    await start;
    await flush();
    expect(waiting.done).toBe(true);
    expect(s.reconciler.admission(ACCOUNT)).toBeNull();
    await s.close();
  });

  it('stays blocked while the venue is down, retries with a growing delay, and opens once it answers', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    await placeLimit(s, 'sr-1', 1, 100, 'accepted');
    s.venue.setView(view({ clientOrderId: 'sr-1', side: 'BUY', qty: 1, price: 100 }, 'filled', [fill('sr-1', 1, 1, 100)]));
    s.venue.setHoldings({ balances: [{ currency: 'BTC', total: 1, free: 1 }] });
    s.venue.setDown('connect ECONNREFUSED 127.0.0.1:9');
    const first = await s.reconciler.register(s.target);
    expect(first).toMatchObject({ state: 'failed', reason: 'connect ECONNREFUSED 127.0.0.1:9', nextAttemptAt: expect.any(Number) });
    expect(s.reconciler.admission(ACCOUNT)).toMatch(/could not be reconciled with its venue \(connect ECONNREFUSED 127.0.0.1:9\)/);
    const waiting = settled(s.reconciler.ready(ACCOUNT));
    await until(() => s.venue.asked.length >= 3); // retried on its own
    expect(waiting.done).toBe(false);
    s.venue.setDown(null);
    await until(() => waiting.done);
    expect(s.reconciler.status(ACCOUNT)).toMatchObject({ state: 'ready', reason: null, nextAttemptAt: null });
    await flush(s.orders);
    expect(s.orders.position('b1', 'BTC/USDT').netQty).toBe(1);
    await s.close();
  });

  it('blocks on a lost connection or refused keys, and reconciles again when the connection is restored', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    await s.reconciler.register(s.target);
    expect(s.reconciler.admission(ACCOUNT)).toBeNull();
    s.venue.setDown('socket hang up');
    s.venue.report({ kind: 'connection', state: 'lost', reason: 'socket hang up', ts: 1 });
    expect(s.reconciler.admission(ACCOUNT)).toMatch(/connection to the venue was lost: socket hang up/);
    const waiting = settled(s.reconciler.ready(ACCOUNT));
    await flush();
    expect(waiting.done).toBe(false);
    s.venue.report({ kind: 'connection', state: 'auth_failed', reason: 'Invalid API-key', ts: 2 });
    expect(s.reconciler.admission(ACCOUNT)).toMatch(/refused the account’s API keys: Invalid API-key/);
    s.venue.setDown(null);
    s.venue.report({ kind: 'connection', state: 'restored', reason: null, ts: 3 });
    await until(() => waiting.done);
    expect(s.reconciler.admission(ACCOUNT)).toBeNull();
    await s.close();
  });

  it('does not count a run that a connection loss interrupted', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    s.venue.beforeAnswer = (question) => {
      if (question === 'openOrders' && s.venue.asked.length < 3) s.venue.report({ kind: 'connection', state: 'lost', reason: 'ping timeout', ts: 1 });
    };
    const first = await s.reconciler.register(s.target);
    expect(first).toMatchObject({ state: 'failed', reason: 'the connection to the venue was lost during the reconciliation' });
    await until(() => s.reconciler.status(ACCOUNT)?.state === 'ready'); // the retry, with the connection back
    await s.close();
  });

  it('lets a waiting caller give up', async () => {
    const s = await session(databaseFile());
    s.venue.setDown('down');
    await s.reconciler.register(s.target);
    const stop = new AbortController();
    const waiting = s.reconciler.ready(ACCOUNT, stop.signal);
    stop.abort(new Error('bot stopped'));
    await expect(waiting).rejects.toThrow('bot stopped');
    await s.close();
  });
});

describe('a trigger on a ready account', () => {
  it('blocks it at once, before the run has started', async () => {
    const s = await session(databaseFile());
    await s.reconciler.register(s.target);
    expect(s.reconciler.admission(ACCOUNT)).toBeNull();
    const wake = s.reconciler.reconcileAll('wake');
    expect(s.reconciler.admission(ACCOUNT)).toMatch(/being reconciled/);
    await wake;
    expect(s.reconciler.admission(ACCOUNT)).toBeNull();
    await s.close();
  });
});

describe('stopping', () => {
  it('waits for the run under way (nothing writes after the database closes) and starts no other', async () => {
    const s = await session(databaseFile());
    let release!: () => void;
    s.venue.beforeAnswer = () => new Promise<void>((resolve) => (release = resolve));
    const start = s.reconciler.register(s.target);
    await flush();
    const stopping = settled(s.reconciler.stop());
    void s.reconciler.reconcileAll('wake');
    await flush();
    expect(stopping.done).toBe(false);
    s.venue.beforeAnswer = () => undefined;
    release();
    await start;
    await flush();
    expect(stopping.done).toBe(true);
    expect(s.venue.asked.filter((q) => q === 'openOrders')).toHaveLength(1);
    await s.close();
  });
});
