import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/errors.ts';
import { flush, remoteSignals } from './testing/remote-signals.ts';

/** Long 1 SOL @ 100 with a stop-loss at 95, on an exchange whose every reply the test delivers. */
async function longWithStop() {
  const remote = await remoteSignals();
  const opening = await remote.start({ action: 'long', stopLoss: { price: 95 } });
  remote.answer([[1, 100]]);
  await opening.done;
  return remote;
}

const filled = (clientOrderId: string, px: number) => ok({ venueOrderId: `v-${clientOrderId}`, fills: [{ fillId: `f-${clientOrderId}`, clientOrderId, qty: 1, px, fee: 0, ts: 2 }] });

describe('a close never sells what another close in flight already sells', () => {
  it('a close alert arriving while the stop-loss close is at the exchange does not flip the position short', async () => {
    const { venue, protections, start, held } = await longWithStop();
    expect(held()).toBe(1);
    expect(protections.get('tv1', 'SOL/USDT')?.stopLoss).toBe(95);

    void protections.onPrice('SOL/USDT', 94); // the stop fires: SELL 1 goes to the exchange
    await flush();
    const stopClose = venue.submitted.at(-1);
    expect(stopClose).toMatchObject({ side: 'SELL', qty: 1 });

    const alert = await start({ action: 'close' }); // TradingView's own exit arrives meanwhile
    // Both replies come back filled.
    venue.answerSubmit(stopClose?.clientOrderId ?? '', filled(stopClose?.clientOrderId ?? '', 94));
    if (venue.submitted.length > 2) venue.answerSubmit(venue.submitted.at(-1)?.clientOrderId ?? '', filled(venue.submitted.at(-1)?.clientOrderId ?? '', 94));
    await alert.done;
    await flush();

    // Sized from the position alone, two SELL 1 orders would reach the exchange and leave the trader short 1 SOL.
    expect(venue.submitted.filter((o) => o.side === 'SELL')).toHaveLength(1);
    expect(held()).toBe(0);
  });

  it('two close alerts in a row, the first not yet filled, sell the position once', async () => {
    const { venue, start, last, held } = await longWithStop();
    const first = await start({ action: 'close' });
    // The exchange accepts the first close; its fill will come on the user-data stream.
    const firstId = last();
    venue.answerSubmit(firstId, ok({ venueOrderId: 'v-c1', fills: [] }));
    await first.done;
    const second = await start({ action: 'close' });
    if (venue.submitted.length > 2) venue.answerSubmit(last(), filled(last(), 100));
    await second.done;
    venue.report({ kind: 'filled', fill: { fillId: 'f-c1', clientOrderId: firstId, qty: 1, px: 100, fee: 0, ts: 3 } });
    await flush();
    expect(venue.submitted.filter((o) => o.side === 'SELL')).toHaveLength(1);
    expect(held()).toBe(0);
  });
});
