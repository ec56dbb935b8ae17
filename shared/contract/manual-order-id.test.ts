import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualOrderSchema, newManualOrderId } from './ledger.ts';

const order = { botId: 'b1', side: 'BUY', type: 'MARKET', qty: 1 } as const;

describe('a manual order id', () => {
  it('is one the contract takes and every venue can carry (Binance: at most 36 characters), at any time and randomness', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8.64e15 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (now, r) => {
        const id = newManualOrderId(now, () => r);
        expect(id.length).toBeLessThanOrEqual(36);
        expect(ManualOrderSchema.safeParse({ ...order, clientOrderId: id }).success).toBe(true);
      }),
    );
  });
});
