import { describe, expect, it } from 'vitest';
import { setConnectionState } from './connection.ts';
import { followStream } from './follow-stream.ts';

async function* items<T>(values: T[], thenFail?: Error): AsyncGenerator<T> {
  for (const v of values) yield v;
  if (thenFail) throw thenFail;
}

describe('followStream', () => {
  it('subscribes again after the stream fails, reloading a snapshot each time, and never rejects', async () => {
    setConnectionState('open');
    const abort = new AbortController();
    const seen: string[] = [];
    let opens = 0;
    const done = followStream(
      async () => {
        opens += 1;
        if (opens === 2) throw new Error('host unreachable');
        return items([`${opens}a`, `${opens}b`], opens < 3 ? new Error('socket closed') : undefined);
      },
      {
        onOpen: () => seen.push('snapshot'),
        onItem: (item) => {
          seen.push(item);
          if (item === '3b') abort.abort();
        },
      },
      abort.signal,
    );
    await expect(done).resolves.toBeUndefined();
    expect(seen).toEqual(['snapshot', '1a', '1b', 'snapshot', '3a', '3b']);
  });

  it('waits for the connection before subscribing', async () => {
    setConnectionState('lost');
    const abort = new AbortController();
    let opened = false;
    const done = followStream(
      async () => {
        opened = true;
        abort.abort();
        return items([]);
      },
      { onOpen: () => undefined, onItem: () => undefined },
      abort.signal,
    );
    await Promise.resolve();
    expect(opened).toBe(false);
    setConnectionState('open');
    await done;
    expect(opened).toBe(true);
  });
});
