import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderSizeProblem } from '../order-size.ts';
import { sizeEntry, type EntrySizeInput } from './size-entry.ts';

/** Finite positives from far below 1e-6 to far above 1e9, where float trouble lives. */
const magnitude = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const anyNumber = fc.oneof(magnitude(1e-12, 1e12), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -1, 1e-300, 1e300));
const step = fc.constantFrom(1e-8, 1e-6, 0.001, 0.01, 1, 10);
const instrument = fc.record({ stepSize: step, minNotional: fc.constantFrom(0, 1, 5, 10) }).map((r) => ({ venue: 'paper', symbol: 'X/USDT', base: 'X', quote: 'USDT', tickSize: 1e-8, ...r }));

const riskInput = fc.record({
  mode: fc.constant('risk' as const),
  amount: magnitude(1e-6, 100),
  orderQty: fc.constant(1),
  px: magnitude(1e-9, 1e9),
  equity: magnitude(1e-6, 1e12),
  stopOffset: magnitude(1e-9, 0.99),
  below: fc.boolean(),
  multiplier: magnitude(0.01, 10),
  instrument,
}).map(({ stopOffset, below, ...rest }): EntrySizeInput => ({ ...rest, stop: rest.px * (below ? 1 - stopOffset : 1 + stopOffset) }));

/** The float noise floorToStep forgives (it reads 0.7999999999999999 as the 0.8 it stands for). */
const NOISE = 1e-12;

describe('entry sizing properties', () => {
  it('never risks more than the percent of equity times the multiplier allows', () => {
    let sizedCount = 0;
    fc.assert(
      fc.property(riskInput, (input) => {
        const sized = sizeEntry(input);
        if (!sized.ok) return;
        sizedCount += 1;
        const allowed = ((input.equity ?? 0) * (input.amount ?? 0) * input.multiplier) / 100;
        const lost = sized.value * Math.abs(input.px - (input.stop ?? 0));
        expect(lost).toBeLessThanOrEqual(allowed * (1 + NOISE));
      }),
      { numRuns: 2000 },
    );
    // The property says something only if most inputs were sized rather than refused.
    expect(sizedCount).toBeGreaterThan(1000);
  });

  it('returns only sizes the venue takes: on the step, at or above the minimum; the rest are refusals with a reason', () => {
    const anyMode = fc.record({
      mode: fc.constantFrom('base' as const, 'quote' as const, 'percent_equity' as const, 'risk' as const),
      amount: fc.oneof(anyNumber, fc.constant(null)),
      orderQty: anyNumber,
      px: anyNumber,
      equity: fc.oneof(anyNumber, fc.constant(null)),
      stop: fc.oneof(anyNumber, fc.constant(null)),
      multiplier: fc.oneof(magnitude(0.01, 10), anyNumber),
      instrument,
    });
    fc.assert(
      fc.property(anyMode, (input) => {
        const sized = sizeEntry(input);
        if (!sized.ok) {
          expect(sized.error.message.length).toBeGreaterThan(10);
          expect(sized.error.message).not.toMatch(/undefined|\[object/);
          return;
        }
        expect(Number.isFinite(sized.value) && sized.value > 0).toBe(true);
        expect(orderSizeProblem(sized.value, input.px, input.instrument)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('never sizes above what the mode asks for (rounding goes down)', () => {
    const quote = fc.record({ amount: magnitude(1e-7, 1e10), px: magnitude(1e-7, 1e7), multiplier: magnitude(0.01, 10), instrument });
    fc.assert(
      fc.property(quote, ({ amount, px, multiplier, instrument: market }) => {
        const sized = sizeEntry({ mode: 'quote', amount, px, multiplier, instrument: market, orderQty: 1, equity: null, stop: null });
        if (sized.ok) expect(sized.value * px).toBeLessThanOrEqual(amount * multiplier * (1 + NOISE));
      }),
      { numRuns: 2000 },
    );
  });
});
