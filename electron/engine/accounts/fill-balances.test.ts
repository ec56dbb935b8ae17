import { QUOTE_DECIMALS, roundTo } from '../execution/precision.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/domain/order.ts';
import { BASE_DECIMALS } from './amounts.ts';
import { fillDeltas } from './fill-balances.ts';
import { accountFixture } from './testing/account-fixture.ts';

const fillArb = fc.record({
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  qty: fc.double({ min: 1e-8, max: 1e6, noNaN: true }),
  px: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
  feeRate: fc.constantFrom(0, 0.0001, 0.001, 0.0075),
});
type FillCase = { side: 'BUY' | 'SELL'; qty: number; px: number; feeRate: number };

/** start − Σ buys + Σ sells − Σ fees, and how far per-fill rounding to 8 decimals may drift from it. */
function expectedQuote(start: number, fills: readonly FillCase[]) {
  let sum = start;
  let magnitude = Math.abs(start);
  for (const f of fills) {
    const notional = f.qty * f.px;
    const fee = roundTo(notional * f.feeRate, QUOTE_DECIMALS);
    sum += (f.side === 'BUY' ? -notional : notional) - fee;
    magnitude += notional + fee;
  }
  return { sum, tolerance: (fills.length + 1) * (1e-8 + 4e-16 * magnitude) };
}

describe('balances after any sequence of fills', () => {
  it('quote = start − Σ buys + Σ sells − Σ fees, base = start + Σ bought − Σ sold, never NaN (pure)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.array(fillArb, { maxLength: 40 }), (start, fills) => {
        let quote = start;
        let base = 0;
        for (const f of fills) {
          const { baseDelta, quoteDelta } = fillDeltas(f.side, { qty: f.qty, px: f.px, fee: roundTo(f.qty * f.px * f.feeRate, QUOTE_DECIMALS) });
          quote = roundTo(quote + quoteDelta, QUOTE_DECIMALS);
          base = roundTo(base + baseDelta, BASE_DECIMALS);
        }
        const { sum, tolerance } = expectedQuote(start, fills);
        expect(Number.isFinite(quote) && Number.isFinite(base)).toBe(true);
        expect(Math.abs(quote - sum)).toBeLessThanOrEqual(tolerance);
        const bought = fills.reduce((s, f) => s + (f.side === 'BUY' ? f.qty : -f.qty), 0);
        expect(Math.abs(base - bought)).toBeLessThanOrEqual((fills.length + 1) * (1e-10 + 4e-16 * 1e6));
      }),
      { numRuns: 500 },
    );
  });

  it('holds for the stored balances too, fill by fill through the account gate on a real SQLite file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fillArb, { minLength: 1, maxLength: 15 }), async (fills) => {
        const { db, gate, balance } = await accountFixture();
        for (const [i, f] of fills.entries()) {
          const order = { clientOrderId: `o${i}`, botId: 'b1', symbol: 'BTC/USDT', side: f.side } as Order;
          const fee = roundTo(f.qty * f.px * f.feeRate, QUOTE_DECIMALS);
          await db.transaction().execute((trx) => gate.applyFill(trx, order, { fillId: `f${i}`, clientOrderId: order.clientOrderId, qty: f.qty, px: f.px, fee, ts: i }));
        }
        const { sum, tolerance } = expectedQuote(10_000, fills);
        const quote = (await balance('USDT')).total;
        expect(Number.isFinite(quote)).toBe(true);
        expect(Math.abs(quote - sum)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses to store a non-finite fill rather than write NaN into a balance', async () => {
    const { db, gate, balance } = await accountFixture();
    const order = { clientOrderId: 'o1', botId: 'b1', symbol: 'BTC/USDT', side: 'BUY' } as Order;
    for (const bad of [{ qty: Number.NaN, px: 100, fee: 0 }, { qty: 1, px: Number.POSITIVE_INFINITY, fee: 0 }, { qty: 1, px: 100, fee: Number.NaN }]) {
      await expect(db.transaction().execute((trx) => gate.applyFill(trx, order, { ...bad, ts: 1, fillId: 'f1', clientOrderId: 'o1' }))).rejects.toThrow();
    }
    expect(await balance('USDT')).toMatchObject({ total: 10_000 });
    expect(await db.selectFrom('accountEntries').selectAll().execute()).toEqual([]);
  });
});
