import { VenueRegistry } from '../../venues/venue-registry.ts';
import { join } from 'node:path';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { EventBus } from '../../event-bus.ts';
import { OrderManager } from '../../execution/order-manager.ts';
import { insertBot } from '../../persistence/bots.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { silentLogger } from '../../ports/logger.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { PaperVenue, type PaperVenueOptions } from '../../venues/paper/paper-venue.ts';
import { LedgerAccountGate } from '../account-gate.ts';
import { AccountService } from '../account-service.ts';
import { EquityRecorder } from '../equity-recorder.ts';

export const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };
export const ETH = { venue: 'paper', symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };

export const botNamed = (id: string, symbol = 'BTC/USDT'): Bot => ({
  id,
  name: `Bot ${id}`,
  symbol,
  timeframe: '1m',
  strategy: { kind: 'tradingview', maxEntries: 10 },
  orderQty: 1,
  account: 'paper',
  status: 'running',
  createdAt: 0,
  updatedAt: 0,
});

/**
 * The paper account on a real SQLite file, behind a real order manager and paper venue: the
 * migration's 10,000 USDT, BTC at 100 and ETH at 2,000, a market clock the test moves by hand.
 */
export async function accountFixture(venueOptions: PaperVenueOptions = { takerFee: 0.001, makerFee: 0.001, slippageBps: 0 }) {
  const opened = await openDatabase(join(tempDir(), 'accounts.sqlite'));
  const { db } = opened;
  const marketClock = manualClock();
  const venue = new PaperVenue([BTC, ETH], marketClock, venueOptions);
  venue.markPrice('BTC/USDT', 100);
  venue.markPrice('ETH/USDT', 2000);
  const market = { instruments: [BTC, ETH], lastPrice: (s: string) => venue.lastPrice(s), takerFee: venueOptions.takerFee };
  const equity = new EquityRecorder({ db, marketClock, market, logger: silentLogger });
  const gate = new LedgerAccountGate({ market, equity });
  const bus = new EventBus((e) => {
    throw e;
  });
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus, clock: marketClock, logger: silentLogger, gate });
  const accounts = new AccountService({ db, market, clock: marketClock, marketClock, equity, writeOff: (dust) => orders.writeOffDust(dust, market.lastPrice) });
  await insertBot(db, botNamed('b1'));
  await insertBot(db, botNamed('b2'));
  const place = (side: 'BUY' | 'SELL', qty: number, extra: { type?: 'MARKET' | 'LIMIT'; price?: number; botId?: string; symbol?: string } = {}) =>
    orders.place({ botId: extra.botId ?? 'b1', symbol: extra.symbol ?? 'BTC/USDT', side, type: extra.type ?? 'MARKET', qty, price: extra.price ?? null });
  const paper = async () => {
    const summary = await accounts.summary('paper');
    if (!summary.ok) throw new Error(summary.error.message);
    return summary.value;
  };
  const balance = async (currency: string) => (await paper()).balances.find((b) => b.currency === currency) ?? { currency, total: 0, reserved: 0, free: 0 };
  return { ...opened, marketClock, venue, market, equity, gate, orders, accounts, place, paper, balance };
}
