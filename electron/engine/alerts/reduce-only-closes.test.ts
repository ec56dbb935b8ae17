import { describe, expect, it } from 'vitest';
import { closableOf } from '../execution/closable-qty.ts';
import { flush, remoteSignals } from './testing/remote-signals.ts';

const order = (side: 'BUY' | 'SELL', qty: number, filledQty = 0) => ({ side, qty, filledQty });

describe('a close takes only what no close at the venue takes already', () => {
  it('counts the unfilled part of open orders on the reducing side, never below zero', () => {
    expect(closableOf(1, [order('SELL', 0.4, 0.1), order('BUY', 5)])).toEqual({ held: 1, inFlight: 0.3, free: 0.7 });
    expect(closableOf(-2, [order('BUY', 0.3), order('SELL', 1)])).toEqual({ held: -2, inFlight: 0.3, free: 1.7 });
    expect(closableOf(1, [order('SELL', 0.7), order('SELL', 0.7)])).toEqual({ held: 1, inFlight: 1.4, free: 0 });
    expect(closableOf(0.3, [order('SELL', 0.1), order('SELL', 0.2)])).toEqual({ held: 0.3, inFlight: 0.3, free: 0 }); // 0.1 + 0.2 is not 0.30000000000000004 here
    expect(closableOf(0, [order('SELL', 1)])).toEqual({ held: 0, inFlight: 0, free: 0 });
  });

  it('a stop-loss reached while a close alert is at the venue sends nothing, says why, and fires once that close is canceled', async () => {
    const { venue, protections, start, last, answer, held, levels } = await remoteSignals();
    const opening = await start({ action: 'long', stopLoss: { price: 95 } });
    answer([[1, 100]]);
    await opening.done;
    const closing = await start({ action: 'close' });
    const alertClose = last();
    answer([]); // taken, not filled yet
    await closing.done;

    await protections.onPrice('SOL/USDT', 94);
    await flush();
    expect(venue.submitted.filter((o) => o.side === 'SELL')).toHaveLength(1);
    expect(levels()).toEqual({ stopLoss: 95, takeProfit: null, closeError: 'The stop-loss at 95 was reached; a close of 1 SOL is already at the venue' });

    venue.report({ kind: 'canceled', clientOrderId: alertClose, ts: 5, reason: 'canceled on the exchange' });
    await flush();
    void protections.onPrice('SOL/USDT', 94);
    await flush();
    expect(venue.submitted.filter((o) => o.side === 'SELL')).toHaveLength(2);
    answer([[1, 94]]);
    await flush();
    expect([held(), levels()]).toEqual([0, undefined]);
  });

  it('a reverse while the stop-loss close is at the venue sells only the new short', async () => {
    const { venue, protections, start, last, answer, held } = await remoteSignals();
    const opening = await start({ action: 'long', stopLoss: { price: 95 } });
    answer([[1, 100]]);
    await opening.done;
    void protections.onPrice('SOL/USDT', 94);
    await flush();
    const stopClose = last();
    const reversing = await start({ action: 'reverse' });
    expect(venue.submitted.at(-1)).toMatchObject({ side: 'SELL', qty: 1 });
    answer([[1, 94]]);
    await reversing.done;
    venue.answerSubmit(stopClose, { ok: true, value: { venueOrderId: 'v-stop', fills: [{ fillId: 'f-stop', clientOrderId: stopClose, qty: 1, px: 94, fee: 0, ts: 9 }] } });
    await flush();
    expect(held()).toBe(-1);
  });

  it('long and short flip only what is not being closed, and close_all refuses when every close is at the venue', async () => {
    const { venue, start, last, answer, held } = await remoteSignals();
    const opening = await start({ action: 'long' });
    answer([[1, 100]]);
    await opening.done;
    const closing = await start({ action: 'close' });
    const firstClose = last();
    answer([]);
    await closing.done;

    expect(await (await start({ action: 'close_all' })).done).toEqual({ outcome: 'refused', reason: 'Nothing left to close: a close of 1 SOL is already at the venue', orderIds: [] });
    expect(await (await start({ action: 'exit_long', amount: 0.5 })).done).toMatchObject({ outcome: 'refused', reason: 'Nothing left to close: a close of 1 SOL is already at the venue' });

    const shorting = await start({ action: 'short' });
    expect(venue.submitted.slice(2)).toEqual([expect.objectContaining({ side: 'SELL', qty: 1 })]); // the entry only: no second close
    answer([[1, 100]]);
    await shorting.done;
    venue.report({ kind: 'filled', fill: { fillId: 'late', clientOrderId: firstClose, qty: 1, px: 100, fee: 0, ts: 9 } });
    await flush();
    expect(held()).toBe(-1);
  });
});
