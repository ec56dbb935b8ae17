import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import type { OrderRequest, VenueEvent } from '../venue.ts';
import { PaperVenue } from './paper-venue.ts';

const BTC: Instrument = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };

function venue(slippageBps = 10) {
  const v = new PaperVenue([BTC], { now: () => 7 }, { takerFee: 0.001, makerFee: 0.0005, slippageBps });
  v.markPrice('BTC/USDT', 100);
  const events: VenueEvent[] = [];
  v.onEvent((e) => events.push(e));
  return { v, events };
}

const stop = (o: Partial<OrderRequest>): OrderRequest => ({ clientOrderId: 's1', symbol: 'BTC/USDT', side: 'SELL', type: 'STOP', qty: 1, price: null, triggerPrice: 95, ...o });
const fillsOf = (events: VenueEvent[]) => events.flatMap((e) => (e.kind === 'filled' ? [e.fill] : []));

describe('paper venue stop orders', () => {
  it('rests a sell stop above its trigger and sells at market (trigger minus slippage) once the price falls to it', async () => {
    const { v, events } = venue();
    expect(await v.submit(stop({}))).toEqual({ ok: true, value: { venueOrderId: 'paper-s1', fills: [] } });
    v.markPrice('BTC/USDT', 95.01);
    expect(events).toEqual([]);
    v.markPrice('BTC/USDT', 95);
    expect(events.map((e) => e.kind)).toEqual(['triggered', 'filled']);
    // 95 × (1 − 0.001) = 94.905 → 94.91 on the tick; taker fee 0.1 %.
    expect(fillsOf(events)).toEqual([{ fillId: 's1-1', clientOrderId: 's1', qty: 1, px: 94.91, fee: 0.09491, ts: 7 }]);
    expect(await v.openOrders()).toEqual([]);
  });

  it('fills a stop the price gapped through at the gap, not at the trigger', async () => {
    const { v, events } = venue(0);
    await v.submit(stop({}));
    v.markPrice('BTC/USDT', 80);
    expect(fillsOf(events)[0]?.px).toBe(80);
    const buy = venue(0);
    await buy.v.submit(stop({ side: 'BUY', triggerPrice: 105 }));
    buy.v.markPrice('BTC/USDT', 120);
    expect(fillsOf(buy.events)[0]?.px).toBe(120);
  });

  it('wakes on the bar’s range: a low that touched the trigger fills at the trigger', async () => {
    const { v, events } = venue(0);
    await v.submit(stop({}));
    v.markPrice('BTC/USDT', 99, 94, 101);
    expect(fillsOf(events)[0]?.px).toBe(95);
  });

  it('refuses a stop whose trigger is already passed, with both prices', async () => {
    const { v } = venue();
    expect(await v.submit(stop({ triggerPrice: 100 }))).toEqual({
      ok: false,
      error: { code: 'REFUSED', message: 'A sell stop triggers when the price falls to it: the trigger 100 must be below the last BTC/USDT price 100' },
    });
    const buy = await v.submit(stop({ side: 'BUY', triggerPrice: 99.99 }));
    expect(!buy.ok && buy.error.message).toBe('A buy stop triggers when the price rises to it: the trigger 99.99 must be above the last BTC/USDT price 100');
  });

  it('refuses a trigger that is not a positive finite number, and a stop worth less than the minimum', async () => {
    for (const triggerPrice of [Number.NaN, Number.POSITIVE_INFINITY, -1, 0, null]) {
      const result = await venue().v.submit(stop({ triggerPrice }));
      expect(result.ok).toBe(false);
    }
    const tiny = await venue().v.submit(stop({ qty: 0.0001 }));
    expect(!tiny.ok && tiny.error.message).toBe('Order value 0.0095 USDT is below the minimum 5 USDT');
  });

  it('rests a woken stop-limit at its limit when the price is past it, and fills it there when the price comes back', async () => {
    const { v, events } = venue(0);
    await v.submit(stop({ type: 'STOP_LIMIT', triggerPrice: 95, price: 94 }));
    v.markPrice('BTC/USDT', 93);
    expect(events.map((e) => e.kind)).toEqual(['triggered']);
    expect((await v.openOrders())[0]).toMatchObject({ type: 'STOP_LIMIT', price: 94, triggerPrice: 95 });
    v.markPrice('BTC/USDT', 96);
    // Woken once only; back at 96 the limit sell is reached and fills at its own price, as a resting order.
    expect(events.map((e) => e.kind)).toEqual(['triggered', 'filled']);
    expect(fillsOf(events)[0]?.px).toBe(94);
  });

  it('fills a woken stop-limit at once when the price is within its limit', async () => {
    const { v, events } = venue(0);
    await v.submit(stop({ type: 'STOP_LIMIT', triggerPrice: 95, price: 94 }));
    v.markPrice('BTC/USDT', 94.5);
    expect(events.map((e) => e.kind)).toEqual(['triggered', 'filled']);
    expect(fillsOf(events)[0]?.px).toBe(94.5);
  });

  it('cancels a stop before it wakes; the price then passes it with nothing filled', async () => {
    const { v, events } = venue();
    await v.submit(stop({}));
    expect((await v.cancel({ clientOrderId: 's1', symbol: 'BTC/USDT' })).ok).toBe(true);
    v.markPrice('BTC/USDT', 50);
    expect(events).toEqual([]);
  });

  it('never fills a sell stop above its trigger nor a buy stop below it, whatever the path of prices (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 30 }), fc.boolean(), async (path, buy) => {
        const { v, events } = venue(0);
        const trigger = buy ? 101 : 99;
        await v.submit(stop({ side: buy ? 'BUY' : 'SELL', triggerPrice: trigger }));
        for (const cents of path) v.markPrice('BTC/USDT', cents / 100);
        const fills = fillsOf(events);
        expect(fills.length).toBeLessThanOrEqual(1);
        for (const fill of fills) expect(buy ? fill.px >= trigger : fill.px <= trigger).toBe(true);
        const reached = path.some((c) => (buy ? c / 100 >= trigger : c / 100 <= trigger));
        expect(fills.length).toBe(reached ? 1 : 0);
      }),
    );
  });
});
