import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Engine } from '../index.ts';
import { listOrders } from '../persistence/orders.repository.ts';
import { listLog } from '../persistence/webhooks.repository.ts';
import { orderSizeProblem } from '../risk/order-size.ts';
import { applyMarketRules } from '../venues/paper/paper-rules.ts';
import { startSignalEngine } from './testing/signal-engine.ts';

let engine: Engine;
let url: string;
let botId: string;
let passphrase: string;
let ethPx: number;

async function post(fields: Record<string, unknown>) {
  const body = JSON.stringify({ passphrase, bot: botId, action: 'long', ticker: 'BINANCE:ETHUSDT', ...fields });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await res.json()) as { status: string; message: string };
  return { code: res.status, outcome: json.status, message: json.message };
}

beforeEach(async () => {
  ({ engine, botId, passphrase, url } = await startSignalEngine({ symbol: 'ETH/USDT', orderQty: 0.01 }));
  ethPx = engine.services.lastPrice('ETH/USDT') ?? Number.NaN;
});
afterEach(() => engine.stop());

/** Nothing of a refused alert is kept but its log row: no alert to act on, no order. */
async function nothingStored() {
  expect(await engine.services.db.selectFrom('alerts').selectAll().execute()).toEqual([]);
  expect(await listOrders(engine.services.db, { limit: 10 })).toEqual([]);
}

const refused = (message: string) => ({ code: 422, outcome: 'refused', message });

describe('an alert is checked before it is answered (real HTTP)', () => {
  it('refuses a ticker that is not the bot’s symbol, in every TradingView spelling, and opens nothing', async () => {
    for (const ticker of ['BINANCE:BTCUSDT', 'BTCUSDT', 'BTC/USDT', 'BTCUSDT.P']) {
      expect(await post({ ticker })).toEqual(refused(`This bot trades ETH/USDT; the alert is for BTC/USDT${ticker === 'BTC/USDT' ? '' : ` (${ticker})`}`));
    }
    expect(await post({ ticker: undefined, symbol: 'NASDAQ:AAPL' })).toEqual(refused('Unknown symbol NASDAQ:AAPL; this bot trades ETH/USDT'));
    const log = await listLog(engine.services.db, { limit: 10 });
    expect(log.map((e) => [e.statusCode, e.outcome])).toEqual(Array.from({ length: 5 }, () => [422, 'refused']));
    expect(log[4]?.reason).toBe('This bot trades ETH/USDT; the alert is for BTC/USDT (BINANCE:BTCUSDT)');
    await nothingStored();
    for (const ticker of ['BINANCE:ETHUSDT', 'ETHUSDT', 'ETH/USDT']) expect((await post({ ticker, action: 'buy', id: ticker })).code).toBe(200);
  });

  it('refuses an amount that, in base and rounded down to the step, is under the step or the minimum order value', async () => {
    const worth = (qty: number) => `${qty} ETH is worth ${(qty * ethPx).toFixed(2)} USDT at ${ethPx.toFixed(2)}, below the 5 USDT minimum`;
    expect(await post({ amount: '0.00001' })).toEqual(refused('0.00001 ETH is below the smallest order of 0.0001 ETH'));
    expect(await post({ amount: 1e-12 })).toEqual(refused('0.000000000001 ETH is below the smallest order of 0.0001 ETH'));
    expect(await post({ amount: 0.00109 })).toEqual(refused(worth(0.001)));
    expect(await post({ amount: 3, amount_type: 'quote' })).toMatchObject({ code: 422, message: expect.stringContaining('below the 5 USDT minimum') });
    expect(await post({ amount: 0.01, amount_type: 'percent_equity' })).toMatchObject({ code: 422, message: expect.stringContaining('below the 5 USDT minimum') });
    expect(await post({ action: 'exit_long', amount: 0.00001 })).toEqual(refused('0.00001 ETH is below the smallest order of 0.0001 ETH'));
    for (const amount of ['NaN', 'Infinity', '1e400', -1, 0]) expect(await post({ amount })).toMatchObject({ code: 400, outcome: 'invalid' });
    await nothingStored();
    expect(await post({ amount: 0.01, id: 'ok' })).toMatchObject({ code: 200, outcome: 'accepted' });
  });

  it('refuses a limit order without a positive price, and levels on the wrong side of the price', async () => {
    for (const price of [0, -5, 'abc', undefined]) expect(await post({ order_type: 'limit', price })).toMatchObject({ code: 400 });
    const shown = ethPx.toFixed(2);
    expect(await post({ stop_loss: ethPx * 2 })).toEqual(refused(`stop_loss ${ethPx * 2} must be below the price ${shown} for a long position`));
    expect(await post({ take_profit: 1 })).toEqual(refused(`take_profit 1 must be above the price ${shown} for a long position`));
    expect(await post({ action: 'short', stop_loss: 1 })).toEqual(refused(`stop_loss 1 must be above the price ${shown} for a short position`));
    expect(await post({ action: 'short', take_profit: ethPx })).toEqual(refused(`take_profit ${ethPx} must be below the price ${shown} for a short position`));
    expect(await post({ order_type: 'limit', price: 1000, stop_loss: 1100 })).toEqual(refused('stop_loss 1100 must be below the price 1000.00 for a long position'));
    await nothingStored();
    expect(await post({ stop_loss: '2%', take_profit: ethPx * 2, id: 'ok' })).toMatchObject({ code: 200 });
  });

  it('refuses an alert time more than 60 s ahead of the clock', async () => {
    expect(await post({ time: new Date(Date.now() + 120_000).toISOString() })).toMatchObject({ code: 422, outcome: 'invalid', message: expect.stringMatching(/^Alert time is 1\d\d s ahead of this computer's clock; the limit is 60 s/) });
    await nothingStored();
    expect(await post({ time: new Date(Date.now() + 20_000).toISOString() })).toMatchObject({ code: 200 });
  });
});

describe('the size check agrees with the venue', () => {
  const ETH: Instrument = { venue: 'paper', symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };
  // 1e-9 to 1e6 ETH: outside it the shared rounding helper returns NaN today, and the venue takes
  // a NaN quantity (fixed in the precision module, another part of this issue); the check refuses both.
  const magnitude = fc.double({ min: 1e-9, max: 1e6, noNaN: true });
  it('passes exactly what the paper venue would fill, and words every refusal without exponents', () => {
    fc.assert(
      fc.property(magnitude, fc.integer({ min: 1, max: 1e9 }), (qty, ticks) => {
        const px = ticks / 100;
        const problem = orderSizeProblem(qty, px, ETH);
        expect(problem === null).toBe(applyMarketRules(ETH, qty, px).ok);
        if (problem) expect(problem).not.toMatch(/NaN|Infinity|\de[+-]?\d/);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses non-finite sizes and prices', () => {
    for (const qty of [Number.NaN, Number.POSITIVE_INFINITY, -1, 0]) expect(orderSizeProblem(qty, 100, ETH)).toMatch(/not a positive number/);
    expect(orderSizeProblem(1, Number.NaN, ETH)).toMatch(/below the 5 USDT minimum/);
  });
});
