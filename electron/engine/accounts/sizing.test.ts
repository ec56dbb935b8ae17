import { describe, expect, it } from 'vitest';
import { sizeOrder, type SizingRequest } from './sizing.ts';

const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };
const size = (request: Partial<SizingRequest>, px: number, equity: number | null = 10_000) => {
  let equityReads = 0;
  const result = sizeOrder({ amount: null, amountType: 'base', orderQty: 0.5, ...request }, px, BTC, async () => {
    equityReads += 1;
    return equity;
  });
  return result.then((r) => ({ ...r, equityReads }));
};

describe('sizing an alert amount from the account', () => {
  it('takes base and contracts as given, quote at the price, percent of the account’s equity at the price; all rounded down to the step', async () => {
    expect(await size({}, 50_000)).toEqual({ ok: true, value: 0.5, equityReads: 0 });
    expect(await size({ amount: 0.12345, amountType: 'base' }, 50_000)).toMatchObject({ ok: true, value: 0.1234 });
    expect(await size({ amount: 2, amountType: 'contracts' }, 50_000)).toMatchObject({ ok: true, value: 2 });
    expect(await size({ amount: 1_000, amountType: 'quote' }, 50_000)).toMatchObject({ ok: true, value: 0.02, equityReads: 0 });
    expect(await size({ amount: 10, amountType: 'percent_equity' }, 50_000, 12_345)).toEqual({ ok: true, value: 0.0246, equityReads: 1 });
  });

  it('refuses percent of equity when the account has none, or cannot value it', async () => {
    expect(await size({ amount: 5, amountType: 'percent_equity' }, 50_000, -120.5)).toMatchObject({
      ok: false,
      error: { message: 'The account’s equity is -120.50 USDT; sizing by percent of equity needs it above zero' },
    });
    expect(await size({ amount: 5, amountType: 'percent_equity' }, 50_000, 0)).toMatchObject({ ok: false });
    expect(await size({ amount: 5, amountType: 'percent_equity' }, 50_000, null)).toMatchObject({ ok: false, error: { message: expect.stringContaining('cannot be valued yet') } });
  });

  it('refuses what falls below the step, saying how much it would have bought', async () => {
    expect(await size({ amount: 1, amountType: 'percent_equity' }, 101_500, 812)).toMatchObject({
      ok: false,
      error: { message: '1% of equity (8.12 USDT) buys 0.00008 BTC, below the smallest order of 0.0001 BTC' },
    });
    expect(await size({ amount: 3, amountType: 'quote' }, 50_000)).toMatchObject({ ok: false, error: { message: '3.00 USDT buys 0.00006 BTC, below the smallest order of 0.0001 BTC' } });
    expect(await size({ amount: 0.00005, amountType: 'base' }, 50_000)).toMatchObject({ ok: false, error: { message: '0.00005 BTC is below the smallest order of 0.0001 BTC' } });
    expect(await size({ orderQty: 1e-9 }, 50_000)).toMatchObject({ ok: false, error: { message: 'The bot’s order size of 0.000000001 BTC is below the smallest order of 0.0001 BTC' } });
  });

  it('never hands back a non-finite or non-positive quantity', async () => {
    for (const [request, px] of [
      [{ amount: 100, amountType: 'quote' }, 0],
      [{ amount: 100, amountType: 'quote' }, Number.NaN],
      [{ amount: 100, amountType: 'quote' }, Number.POSITIVE_INFINITY],
      [{ amount: 1e308, amountType: 'quote' }, 1e-308],
      [{ amount: 0, amountType: 'base' }, 50_000],
      [{ amount: Number.NaN, amountType: 'base' }, 50_000],
      [{ amount: 1e30, amountType: 'base' }, 50_000],
    ] as const) {
      const result = await size(request, px);
      if (result.ok) expect(Number.isFinite(result.value) && result.value > 0, `${JSON.stringify(request)} at ${px}`).toBe(true);
      else expect(result.error.message).not.toMatch(/NaN|Infinity/);
    }
  });
});
