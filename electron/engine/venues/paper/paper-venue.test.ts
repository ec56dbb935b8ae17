import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import type { VenueFill } from '../venue.ts';
import { PaperVenue } from './paper-venue.ts';

const BTC: Instrument = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.00001, minNotional: 5 };
const clock = { now: () => 1_000 };

function venue(slippageBps = 10) {
  const v = new PaperVenue([BTC], clock, { takerFee: 0.001, makerFee: 0.0005, slippageBps });
  v.markPrice('BTC/USDT', 50_000);
  return v;
}

const order = (o: Partial<Parameters<PaperVenue['submit']>[0]>) => ({ clientOrderId: 'c1', symbol: 'BTC/USDT', side: 'BUY' as const, type: 'MARKET' as const, qty: 0.01, price: null, ...o });

describe('paper venue', () => {
  it('fills a market buy at last price plus slippage, with the taker fee', async () => {
    const result = await venue().submit(order({}));
    // 50,000 * 1.001 = 50,050; fee 0.01 * 50,050 * 0.001 = 0.5005
    expect(result).toEqual({ ok: true, value: { venueOrderId: 'paper-c1', fills: [{ fillId: 'c1-1', clientOrderId: 'c1', qty: 0.01, px: 50050, fee: 0.5005, ts: 1000 }] } });
  });

  it('moves a market sell down by the slippage', async () => {
    const result = await venue().submit(order({ side: 'SELL' }));
    expect(result.ok && result.value.fills[0]?.px).toBe(49950);
  });

  it('rounds quantity down to the step and price to the tick', async () => {
    const v = new PaperVenue([BTC], clock, { takerFee: 0, makerFee: 0, slippageBps: 0 });
    v.markPrice('BTC/USDT', 50_000.004);
    const result = await v.submit(order({ qty: 0.0123456789 }));
    expect(result.ok && result.value.fills[0]).toMatchObject({ qty: 0.01234, px: 50000 });
  });

  it('refuses an order below the minimum notional, saying why', async () => {
    const result = await venue().submit(order({ qty: 0.00005 }));
    expect(result).toEqual({ ok: false, error: { code: 'REFUSED', message: 'Order value 2.5025 USDT is below the minimum 5 USDT' } });
  });

  it('refuses a quantity below one step and an unknown symbol', async () => {
    expect(await venue().submit(order({ qty: 0.000001 }))).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('below the smallest step') } });
    expect(await venue().submit(order({ symbol: 'DOGE/USDT' }))).toEqual({ ok: false, error: { code: 'REFUSED', message: 'Unknown symbol DOGE/USDT' } });
  });

  it('rests a limit order and fills it with the maker fee once the price reaches it', async () => {
    const v = venue();
    const fills: VenueFill[] = [];
    v.onEvent((e) => e.kind === 'filled' && fills.push(e.fill));
    const result = await v.submit(order({ type: 'LIMIT', price: 49_000 }));
    expect(result).toEqual({ ok: true, value: { venueOrderId: 'paper-c1', fills: [] } });
    v.markPrice('BTC/USDT', 49_500);
    expect(fills).toEqual([]);
    v.markPrice('BTC/USDT', 48_999);
    expect(fills).toEqual([{ fillId: 'c1-1', clientOrderId: 'c1', qty: 0.01, px: 49000, fee: 0.245, ts: 1000 }]);
    v.markPrice('BTC/USDT', 48_000);
    expect(fills).toHaveLength(1);
  });

  it('fills a marketable limit at the better of limit and last price', async () => {
    const result = await venue().submit(order({ type: 'LIMIT', price: 51_000 }));
    expect(result.ok && result.value.fills[0]?.px).toBe(50000);
  });

  const C1 = { clientOrderId: 'c1', symbol: 'BTC/USDT' };

  it('cancels a resting order only once', async () => {
    const v = venue();
    await v.submit(order({ type: 'LIMIT', price: 49_000 }));
    expect(await v.fetchOrder(C1)).toMatchObject({ status: 'open', venueOrderId: 'paper-c1' });
    expect(await v.cancel(C1)).toEqual({ ok: true, value: null });
    expect(await v.cancel(C1)).toEqual({ ok: false, error: { code: 'REFUSED', message: 'Order is not open at the venue' } });
    expect(await v.fetchOrder(C1)).toBeNull();
  });
});
