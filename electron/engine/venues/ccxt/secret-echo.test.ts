import { describe, expect, it } from 'vitest';
import { describeError } from '../../ports/logger.ts';
import { fakeAccountForEachTest } from './testing/fake-account-per-test.ts';

const session = fakeAccountForEachTest();

/** A proxy in front of the exchange answering 200 with a page that echoes the request's key header (not JSON: ccxt's parser throws on it). */
const echo = () => `{"error":"upstream closed","request":{"X-MBX-APIKEY":"${session.fake().keys.apiKey}","secret-ish":"${session.fake().keys.secret}"`;

describe('an odd answer echoing the API key and secret', () => {
  it('reaches no log line, no order row, no reconciliation status shown to the trader', async () => {
    const account = await session.account();
    session.fake().fault({ kind: 'rewrite', endpoint: 'POST /api/v3/order', times: 1, rewrite: echo });
    session.fake().fault({ kind: 'rewrite', endpoint: 'GET /api/v3/order', rewrite: echo });
    const placed = await account.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.002, clientOrderId: 'sr-echo-1' });
    const run = await account.reconciler.reconcile(account.venue.id, 'manual');
    await account.orders.settled();

    const logged = JSON.stringify(account.logger.entries, (_key, value: unknown) => (value instanceof Error ? describeError(value) : value));
    const shown = JSON.stringify([placed, run, account.reconciler.list()]);
    for (const text of [logged, shown]) {
      expect(text).not.toContain(session.fake().keys.apiKey);
      expect(text).not.toContain(session.fake().keys.secret);
    }
    expect(run.ok && run.value.state).toBe('failed'); // the exchange cannot be understood: blocked, with a reason
  });

  it('as another order’s client id in a submit reply: the key reaches neither the log nor the trader', async () => {
    const account = await session.account();
    session.fake().fault({ kind: 'rewrite', endpoint: 'POST /api/v3/order', times: 1, rewrite: (b) => ({ ...(b as Record<string, unknown>), clientOrderId: session.fake().keys.apiKey }) });
    session.fake().fault({ kind: 'drop', endpoint: 'GET /api/v3/order' });
    const placed = await account.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.002, clientOrderId: 'sr-echo-2' });
    await account.orders.settled();
    const logged = JSON.stringify(account.logger.entries, (_key, value: unknown) => (value instanceof Error ? describeError(value) : value));
    expect(logged).toContain('answered the order sr-echo-2 with an answer about another order');
    expect(`${logged}${JSON.stringify([placed, account.reconciler.list()])}`).not.toContain(session.fake().keys.apiKey);
  });
});
