import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { DEFAULT_SIZING, type BotSizing } from '../../../../shared/domain/bot-sizing.ts';
import { BotRuntime } from '../../bots/bot-runtime.ts';
import { EventBus } from '../../event-bus.ts';
import { OrderManager } from '../../execution/order-manager.ts';
import { insertBot } from '../../persistence/bots.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { listOrders } from '../../persistence/orders.repository.ts';
import { flatBar, flatBars } from '../../testing/bars.ts';
import { recordingLogger } from '../../testing/recording-logger.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { PaperVenue } from '../../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../../venues/venue-registry.ts';
import { botEntrySizer } from './bot-sizer.ts';

const SOL = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };

/** An MA bot warmed flat at 100 that goes long on the bar closing at 101. */
async function longAt101(sizing: Partial<BotSizing>, multiplier = 1) {
  const { db } = await openDatabase(join(tempDir(), 'runtime.sqlite'));
  const bot: Bot = { id: 'ma', name: 'SOL trend', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0, sizing: { ...DEFAULT_SIZING, ...sizing } };
  await insertBot(db, bot);
  const venue = new PaperVenue([SOL], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
  const logger = recordingLogger();
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus((e) => { throw e; }), clock: manualClock(), logger });
  const sizer = botEntrySizer({ instruments: () => [SOL], equity: async () => 10_000, riskMultiplier: async () => multiplier });
  const refused: [string, string][] = [];
  const runtime = new BotRuntime({ db, orders, logger, sizer, onRefused: (botId, reason) => refused.push([botId, reason]) });
  runtime.attach(bot, flatBars([100, 100, 100, 100]));
  for (const close of [101, 102]) {
    venue.markPrice('SOL/USDT', close);
    await runtime.onCandle({ symbol: 'SOL/USDT', timeframe: '1m', closed: true, candle: flatBar(close) });
  }
  await orders.settled();
  return { orders: await listOrders(db, { limit: 10 }), warnings: logger.entries.filter((e) => e.level === 'warn').map((e) => e.message), refused };
}

describe('a strategy bot’s entries are sized by its sizing', () => {
  it('spends the quote amount at the bar’s close, rounded down to the step', async () => {
    const { orders } = await longAt101({ mode: 'quote', amount: 250 });
    expect(orders).toEqual([expect.objectContaining({ side: 'BUY', qty: 2.475, status: 'FILLED', source: 'strategy' })]);
  });

  it('spends a percent of equity times the symbol’s risk multiplier', async () => {
    const { orders } = await longAt101({ mode: 'percent_equity', amount: 10 }, 0.5);
    expect(orders.map((o) => o.qty)).toEqual([4.95]); // 1,000 USDT / 101 = 9.90099 SOL, halved, down to the step
  });

  it('sends no risk-sized entry without a stop-loss, and logs why', async () => {
    const { orders, warnings } = await longAt101({ mode: 'risk', amount: 1 });
    expect(orders).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/^Bot 'SOL trend': entry not sent: Risk-based sizing needs a stop-loss/)]);
  });

  it('sends no entry below the venue minimum, logs the numbers, and tells the bot why', async () => {
    const { orders, warnings, refused } = await longAt101({ mode: 'quote', amount: 4 });
    expect(orders).toEqual([]);
    expect(warnings).toEqual(["Bot 'SOL trend': entry not sent: 4.00 USDT at 101 USDT gives 0.03960396 SOL: 0.039 SOL is worth 3.94 USDT at 101.00, below the 5 USDT minimum"]);
    expect(refused).toEqual([['ma', 'Entry not sent: 4.00 USDT at 101 USDT gives 0.03960396 SOL: 0.039 SOL is worth 3.94 USDT at 101.00, below the 5 USDT minimum']]);
  });
});
