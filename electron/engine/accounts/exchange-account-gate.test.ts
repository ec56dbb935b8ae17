import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/domain/order.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { insertExchangeAccount } from './exchange-accounts.repository.ts';
import { accountFixture, botNamed } from './testing/account-fixture.ts';

const order = (botId: string): Order => ({
  clientOrderId: `sr-${botId}`,
  venueOrderId: null,
  botId,
  venue: 'binance-main',
  symbol: 'BTC/USDT',
  side: 'BUY',
  type: 'MARKET',
  qty: 1_000_000,
  price: null,
  triggerPrice: null,
  status: 'PENDING_SUBMIT',
  filledQty: 0,
  avgFillPx: null,
  rejectReason: null,
  source: 'strategy',
  tsInit: 0,
  tsEvent: 0,
});

describe('the ledger gate and exchange accounts', () => {
  it('leaves an exchange account’s funds to the exchange: no refusal from our ledger, no ledger entry for its fills', async () => {
    const { db, gate } = await accountFixture();
    await db.transaction().execute((trx) =>
      insertExchangeAccount(trx, { accountId: 'binance-main', exchangeId: 'binance', label: 'Main', sandbox: false, currency: 'USDT', options: {}, secretRef: null, apiKeyLast4: null, now: 0 }),
    );
    await insertBot(db, { ...botNamed('live'), account: 'binance-main' });
    // A million BTC: far beyond anything the ledger holds for it, which is nothing.
    expect(await gate.admit(db, order('live'))).toBeNull();
    await gate.applyFill(db, order('live'), { fillId: 't-1', clientOrderId: 'sr-live', qty: 1, px: 100, fee: 0.1, ts: 1 });
    expect(await db.selectFrom('accountEntries').selectAll().where('accountId', '=', 'binance-main').execute()).toEqual([]);
    // The paper account is still held to its balances.
    expect(await gate.admit(db, { ...order('b1'), venue: 'paper' })).toMatch(/USDT/);
  });
});
