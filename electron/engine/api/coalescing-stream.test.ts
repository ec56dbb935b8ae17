import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalescingStream, MAX_FLUSHES_PER_SECOND } from './coalescing-stream.ts';

interface Event {
  key: string;
  value: number;
}

/** A stream over a hand-driven source: `push` is what the engine's bus would call. */
function source(flushIntervalMs?: number) {
  let push: (event: Event) => void = () => undefined;
  let subscribers = 0;
  const abort = new AbortController();
  const stream = coalescingStream<Event>(
    (listener) => {
      push = listener;
      subscribers += 1;
      return () => (subscribers -= 1);
    },
    (e) => e.key,
    abort.signal,
    flushIntervalMs,
  );
  return { stream, push: (e: Event) => push(e), abort, subscribers: () => subscribers };
}

describe('coalescingStream', () => {
  afterEach(() => vi.useRealTimers());

  it('delivers only the latest event per key, in the order each key last changed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd'), value: fc.integer() }), { minLength: 1, maxLength: 200 }), async (events) => {
        const s = source(0);
        const first = s.stream.next(); // subscribes, then waits for the first event
        for (const e of events) s.push(e);
        const latest = new Map<string, Event>();
        for (const e of events) {
          latest.delete(e.key);
          latest.set(e.key, e);
        }
        const delivered = [(await first).value];
        for (let i = 1; i < latest.size; i++) delivered.push((await s.stream.next()).value);
        expect(delivered).toEqual([...latest.values()]);
        s.abort.abort();
        expect(await s.stream.next()).toEqual({ done: true, value: undefined });
        expect(s.subscribers()).toBe(0);
      }),
    );
  });

  it('owes a client that reads nothing at most one event per key, however many are pushed', async () => {
    const s = source(0);
    const first = s.stream.next();
    for (let i = 0; i < 200_000; i++) s.push({ key: i % 2 === 0 ? 'forming' : 'closed', value: i });
    expect((await first).value).toEqual({ key: 'forming', value: 199_998 });
    expect((await s.stream.next()).value).toEqual({ key: 'closed', value: 199_999 });
    s.abort.abort();
  });

  it(`flushes at most ${MAX_FLUSHES_PER_SECOND} times per second of (simulated) time while events pour in`, async () => {
    vi.useFakeTimers();
    const s = source();
    let delivered = 0;
    const reading = (async () => {
      for await (const _ of s.stream) delivered += 1;
    })();
    await vi.advanceTimersByTimeAsync(0);
    for (let ms = 0; ms < 1000; ms++) {
      s.push({ key: 'bar', value: ms });
      await vi.advanceTimersByTimeAsync(1);
    }
    s.abort.abort();
    await reading;
    expect(delivered).toBeGreaterThan(1);
    expect(delivered).toBeLessThanOrEqual(MAX_FLUSHES_PER_SECOND + 1);
  });

  it('ends promptly on abort while waiting between flushes, and unsubscribes', async () => {
    const s = source(60_000);
    const first = s.stream.next();
    s.push({ key: 'a', value: 1 });
    await first;
    const second = s.stream.next(); // now inside the one-minute pause
    s.abort.abort();
    expect(await second).toEqual({ done: true, value: undefined });
    expect(s.subscribers()).toBe(0);
  });
});
