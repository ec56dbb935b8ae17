import { describe, expect, it } from 'vitest';
import { delay } from '../../../../shared/delay.ts';
import { silentLogger } from '../../ports/logger.ts';
import type { VenueEvent } from '../venue.ts';
import type { Attempt } from './exchange-calls.ts';
import type { OrderWatch } from './order-watch.ts';
import { Poller } from './poller.ts';

const failed: Attempt<null> = { ok: false, failure: { kind: 'temporary', exchangeCode: -1000, exchangeMessage: 'x', text: 'x', retryAfterMs: null }, error: { code: 'UNAVAILABLE', message: 'Binance did not answer' } };
const passed: Attempt<null> = { ok: true, value: null };

/** A watch whose passes answer from a script, and which can hold orders or none. */
function scriptedWatch(passes: Attempt<null>[]) {
  const state = { size: 1 };
  const watch = { get size() { return state.size; }, pollOnce: async () => passes.shift() ?? passed } as unknown as OrderWatch;
  return { watch, state };
}

describe('Poller: the link to the exchange as it changes', () => {
  it('lost once while passes fail, restored once when one passes; probed when no order is watched', async () => {
    const { watch, state } = scriptedWatch([failed, failed]);
    const probes: Attempt<null>[] = [failed, failed, passed];
    let probed = 0;
    const events: VenueEvent[] = [];
    const stop = new AbortController();
    const poller = new Poller({ watch, probe: async () => (probed++, probes.shift() ?? passed), redact: (t) => t, intervalMs: 5, emit: (e) => events.push(e), now: () => 1, signal: stop.signal, logger: silentLogger });
    poller.start();
    while (events.length === 0) await delay(5);
    state.size = 0; // the orders were settled meanwhile: only a probe can tell the link is back
    while (events.length < 2) await delay(5);
    stop.abort();
    await poller.stopped();
    expect(events).toEqual([{ kind: 'connection', state: 'lost', reason: 'Binance did not answer', ts: 1 }, { kind: 'connection', state: 'restored', reason: null, ts: 1 }]);
    expect(probed).toBeGreaterThanOrEqual(3);
  });

  it('reports refused keys once, and does not probe while the link is up and idle', async () => {
    const { watch, state } = scriptedWatch([]);
    state.size = 0;
    let probed = 0;
    const events: VenueEvent[] = [];
    const stop = new AbortController();
    const poller = new Poller({ watch, probe: async () => (probed++, passed), redact: (t) => t, intervalMs: 5, emit: (e) => events.push(e), now: () => 2, signal: stop.signal, logger: silentLogger });
    poller.start();
    await delay(30);
    expect(probed).toBe(0);
    poller.authFailed('refused');
    poller.authFailed('refused');
    while (events.length < 2) await delay(5);
    stop.abort();
    await poller.stopped();
    expect(events.map((e) => (e.kind === 'connection' ? e.state : e.kind))).toEqual(['auth_failed', 'restored']);
  });
});
