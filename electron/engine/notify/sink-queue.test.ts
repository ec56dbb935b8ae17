import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../testing/recording-logger.ts';
import { Notifier } from './notifier.ts';
import type { NotifyEvent } from './notify-event.ts';
import { SinkQueue, type NotifySink } from './sink-queue.ts';

const event = (n: number): NotifyEvent => ({ kind: 'order_filled', title: `event ${n}`, body: '', ts: n });

/** A sink whose deliveries wait until the test releases them. */
function heldSink(name = 'held') {
  const delivered: string[] = [];
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const sink: NotifySink = {
    name,
    wants: () => true,
    deliver: async (batch) => {
      await gate;
      delivered.push(...batch.map((e) => e.title));
    },
  };
  return { sink, delivered, release: () => release(), hold: () => (gate = new Promise<void>((resolve) => (release = resolve))) };
}

const recording = (name: string) => {
  const delivered: string[] = [];
  const sink: NotifySink = { name, wants: () => true, deliver: async (batch) => void delivered.push(...batch.map((e) => e.title)) };
  return { sink, delivered };
};

describe('a sink queue', () => {
  it('keeps the newest events when its sink falls behind, and counts those it dropped', async () => {
    const held = heldSink();
    const failures: unknown[] = [];
    const queue = new SinkQueue(held.sink, { capacity: 3, batchSize: 10, timeoutMs: 60_000, onFailure: (_, e) => failures.push(e) });
    for (let n = 1; n <= 9; n += 1) queue.push(event(n));
    // Event 1 is in delivery; 2..9 wait in a queue of 3: 2..6 are dropped, oldest first.
    expect(queue.stats).toEqual({ waiting: 3, dropped: 5, failed: 0 });
    held.release();
    await queue.idle();
    expect(held.delivered).toEqual(['event 1', 'event 7', 'event 8', 'event 9']);
    expect(failures).toEqual([]);
  });

  it('gives up on a delivery that never ends, and delivers the next', async () => {
    const delivered: string[] = [];
    const never: NotifySink = { name: 'never', wants: () => true, deliver: async (batch) => (batch[0]?.ts === 1 ? new Promise(() => undefined) : void delivered.push(...batch.map((e) => e.title))) };
    const failures: string[] = [];
    const queue = new SinkQueue(never, { capacity: 10, batchSize: 1, timeoutMs: 20, onFailure: (_, e) => failures.push(e instanceof Error ? e.message : String(e)) });
    queue.push(event(1));
    queue.push(event(2));
    await queue.idle();
    expect(delivered).toEqual(['event 2']);
    expect(failures).toEqual(['never took over 20 ms']);
    expect(queue.stats.failed).toBe(1);
  });
});

describe('the notifier', () => {
  it('still reaches every other sink when one hangs, one throws and one refuses the toggle check', async () => {
    const logger = recordingLogger();
    const notifier = new Notifier({ logger, options: { timeoutMs: 60_000 } });
    const held = heldSink('hanging');
    const good = recording('good');
    notifier.add(held.sink);
    notifier.add({ name: 'throws', wants: () => true, deliver: async () => Promise.reject(new Error('boom')) });
    notifier.add({ name: 'broken-toggle', wants: () => { throw new Error('bug'); }, deliver: async () => undefined });
    notifier.add(good.sink);
    for (let n = 1; n <= 5; n += 1) notifier.notify(event(n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(good.delivered).toEqual(['event 1', 'event 2', 'event 3', 'event 4', 'event 5']);
    expect(held.delivered).toEqual([]);
    expect(notifier.stats('throws')?.failed).toBeGreaterThan(0);
    expect(logger.entries.filter((e) => e.message === 'A notification sink failed')).toHaveLength(5);
    held.release();
    await notifier.idle();
    expect(held.delivered).toHaveLength(5);
  });
});

describe('a sink queue at shutdown', () => {
  it('cuts a remote sink off at once, and lets the local one store what waits', async () => {
    const remote = heldSink('remote');
    const local = heldSink('local');
    const failures: string[] = [];
    const options = { capacity: 10, batchSize: 1, timeoutMs: 60_000, onFailure: (name: string) => failures.push(name) };
    const remoteQueue = new SinkQueue(remote.sink, options);
    const localQueue = new SinkQueue(local.sink, options);
    for (let n = 1; n <= 3; n += 1) {
      remoteQueue.push(event(n));
      localQueue.push(event(n));
    }
    await remoteQueue.close(false); // resolves although the remote never answers
    expect(remoteQueue.stats).toEqual({ waiting: 0, dropped: 2, failed: 1 });
    const closing = localQueue.close(true);
    localQueue.push(event(4)); // after close: not taken
    local.release();
    await closing;
    expect(local.delivered).toEqual(['event 1', 'event 2', 'event 3']);
    expect(failures).toEqual(['remote']);
  });
});
