import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { BotExits } from '../../../../../shared/domain/bot-exits.ts';
import type { Instrument } from '../../../../../shared/domain/instrument.ts';
import { EventBus } from '../../../event-bus.ts';
import { OrderManager } from '../../../execution/order-manager.ts';
import { insertBot } from '../../../persistence/bots.repository.ts';
import type { Database } from '../../../persistence/database.ts';
import { openDatabase } from '../../../persistence/open-database.ts';
import { listOrders } from '../../../persistence/orders.repository.ts';
import { silentLogger } from '../../../ports/logger.ts';
import { manualClock, tempDir } from '../../../testing/temp-dir.ts';
import { PaperVenue } from '../../../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../../../venues/venue-registry.ts';
import { Protections } from '../../protections.ts';

export const SOL: Instrument = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };
export const BOT = 'b1';

/** Exits with nothing set: a test fills in the variant it looks at. */
export const noExits: BotExits = { stopLoss: null, takeProfits: [], trailing: null, breakEven: null, atrPeriod: 14 };

export interface HarnessOptions {
  /** An existing database (a restart); the bot is inserted only into a new one. */
  db?: Kysely<Database>;
  atr?: number | null;
  feeRate?: number;
  onHit?: (hit: string) => void;
}

/**
 * A bot with `exits` on a real SQLite file, the paper venue (no fees, no slippage) and the
 * engine's Protections: `enter` opens a position by hand, `tick` moves the price and lets the
 * exits act, waiting for their closes and writes.
 */
export async function exitsHarness(exits: BotExits | null, options: HarnessOptions = {}) {
  const db = options.db ?? (await openDatabase(join(tempDir(), 'exits.sqlite'))).db;
  if (!options.db) await insertBot(db, { id: BOT, name: 'b', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0, ...(exits ? { exits } : {}) });
  const clock = manualClock();
  const paper = new PaperVenue([SOL], clock, { takerFee: 0, makerFee: 0, slippageBps: 0 });
  paper.markPrice('SOL/USDT', 100);
  const bus = new EventBus((e) => {
    throw e;
  });
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', paper]]), bus, clock, logger: silentLogger });
  await orders.loadPositions();
  const atr = options.atr ?? null;
  const protections = new Protections({ db, orders, bus, logger: silentLogger, clock, instruments: [SOL], atr: () => atr, feeRate: options.feeRate ?? 0, ...(options.onHit && { onHit: (_bot: string, _symbol: string, hit: string) => options.onHit?.(hit) }) });
  await protections.load();
  const held = () => orders.position(BOT, 'SOL/USDT').netQty;
  return {
    db,
    orders,
    protections,
    held,
    enter: async (side: 'BUY' | 'SELL', qty: number, px = 100) => {
      paper.markPrice('SOL/USDT', px);
      await orders.place({ botId: BOT, symbol: 'SOL/USDT', side, type: 'MARKET', qty, source: 'manual' });
      await protections.settled();
    },
    tick: async (px: number) => {
      paper.markPrice('SOL/USDT', px);
      await protections.onPrice('SOL/USDT', px);
      await protections.settled();
    },
    guard: () => protections.get(BOT, 'SOL/USDT'),
    closes: async () => (await listOrders(db, { limit: 1000 })).filter((o) => o.source === 'protection').map((o) => ({ side: o.side, qty: o.qty, status: o.status })),
  };
}
