import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/errors.ts';
import { remoteSignals } from './testing/remote-signals.ts';

describe('the entry limit counts entries, not the fills an exchange splits them into', () => {
  it('a first entry filled in three pieces leaves room for the second of two allowed entries', async () => {
    const { venue, start, last, held } = await remoteSignals({ maxEntries: 2 });
    // The first market buy is filled by the exchange in three trades.
    const first = await start({ action: 'long' });
    const id = last();
    const piece = (n: number, qty: number) => ({ fillId: `f-${n}`, clientOrderId: id, qty, px: 100 + n, fee: 0, ts: n });
    venue.answerSubmit(id, ok({ venueOrderId: 'v-1', fills: [piece(1, 0.25), piece(2, 0.25), piece(3, 0.5)] }));
    expect(await first.done).toMatchObject({ outcome: 'executed' });
    expect(held()).toBe(1);

    const second = await start({ action: 'buy' });
    if (venue.submitted.length > 1) venue.answerSubmit(last(), ok({ venueOrderId: 'v-2', fills: [{ fillId: 'f-4', clientOrderId: last(), qty: 1, px: 100, fee: 0, ts: 4 }] }));
    // Counted per fill, this would be refused with "The position already has 3 of 2 allowed entries".
    const result = await second.done;
    expect(result.reason).toBeNull();
    expect(result).toMatchObject({ outcome: 'executed' });
    expect(held()).toBe(2);
  });
});
