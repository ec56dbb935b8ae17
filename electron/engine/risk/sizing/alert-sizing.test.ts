import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { DEFAULT_SIZING, type BotSizing } from '../../../../shared/domain/bot-sizing.ts';
import type { AlertCommand } from '../../../../shared/domain/webhook.ts';
import { SignalExecutor } from '../../alerts/signal-executor.ts';
import { EventBus } from '../../event-bus.ts';
import { OrderManager } from '../../execution/order-manager.ts';
import { insertBot } from '../../persistence/bots.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { insertAlertOnce } from '../../persistence/webhooks.repository.ts';
import { silentLogger } from '../../ports/logger.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { PaperVenue } from '../../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../../venues/venue-registry.ts';
import { Protections } from '../protections.ts';
import { alertStopPrice } from './alert-stop.ts';

const SOL = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };

async function setup(sizing: Partial<BotSizing>, multiplier = 1) {
  const { db } = await openDatabase(join(tempDir(), 'alert-sizing.sqlite'));
  const bot: Bot = { id: 'tv', name: 'SOL alerts', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0, sizing: { ...DEFAULT_SIZING, ...sizing } };
  await insertBot(db, bot);
  const venue = new PaperVenue([SOL], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
  venue.markPrice('SOL/USDT', 100);
  const bus = new EventBus((e) => { throw e; });
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus, clock: manualClock(), logger: silentLogger });
  const protections = new Protections({ db, orders, bus, logger: silentLogger, clock: manualClock(), instruments: [SOL] });
  const executor = new SignalExecutor({ db, orders, protections, instruments: () => [SOL], lastPrice: (s) => venue.lastPrice(s), equity: async () => 10_000, riskMultiplier: async () => multiplier });
  let n = 0;
  const run = async (fields: Partial<AlertCommand>) => {
    const id = (await insertAlertOnce(db, { dedupeKey: `k${++n}`, botId: bot.id, receivedAt: 0, commandJson: '{}' })) ?? 0;
    const command: AlertCommand = { bot: bot.id, passphrase: 'x', action: 'long', symbol: null, amount: null, amountType: 'base', orderType: 'market', price: null, stopLoss: null, takeProfit: null, id: null, time: null, comment: null, ...fields };
    return executor.execute(bot, command, id);
  };
  return { run, held: () => orders.position(bot.id, 'SOL/USDT').netQty };
}

describe('alerts without an amount trade the bot’s sizing', () => {
  it('risks the percent of equity at the alert’s stop-loss price, times the multiplier', async () => {
    const { run, held } = await setup({ mode: 'risk', amount: 1 }, 0.5);
    expect(await run({ action: 'long', stopLoss: { price: 96 } })).toMatchObject({ outcome: 'executed' });
    expect(held()).toBe(12.5); // 100 USDT at risk / 4 USDT to the stop = 25 SOL, halved
  });

  it('measures a percent stop-loss from the price, for a short too', async () => {
    const { run, held } = await setup({ mode: 'risk', amount: 2 });
    await run({ action: 'short', stopLoss: { percent: 5 } });
    expect(held()).toBe(-40); // 200 USDT / 5 USDT
  });

  it('refuses a risk-sized alert with no stop-loss, saying what is missing', async () => {
    const { run, held } = await setup({ mode: 'risk', amount: 1 });
    expect(await run({ action: 'long' })).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/^Risk-based sizing needs a stop-loss/) });
    expect(held()).toBe(0);
  });

  it('keeps an amount the alert gives as it is', async () => {
    const { run, held } = await setup({ mode: 'quote', amount: 500 });
    await run({ action: 'long', amount: 2 });
    await run({ action: 'buy' });
    expect(held()).toBe(7); // 2 as given, then 500 USDT at 100
  });
});

describe('an alert’s stop-loss as a price', () => {
  it('is the price given, or the percent on the losing side of the entry', () => {
    expect(alertStopPrice({ action: 'long', stopLoss: { price: 90 } }, 100, 0)).toBe(90);
    expect(alertStopPrice({ action: 'buy', stopLoss: { percent: 10 } }, 100, 0)).toBe(90);
    expect(alertStopPrice({ action: 'sell', stopLoss: { percent: 10 } }, 100, 0)).toBeCloseTo(110, 9);
    expect(alertStopPrice({ action: 'reverse', stopLoss: { percent: 10 } }, 100, -1)).toBe(90);
    expect(alertStopPrice({ action: 'reverse', stopLoss: { percent: 10 } }, 100, 1)).toBeCloseTo(110, 9);
    expect(alertStopPrice({ action: 'long', stopLoss: null }, 100, 0)).toBeNull();
  });
});
