import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight.ts';

describe('singleFlight', () => {
  it('turns a burst of 1,000 calls into the run in flight plus one more, and every caller sees the last', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const refresh = singleFlight(async () => {
      runs += 1;
      await new Promise<void>((resolve) => (release = resolve));
    });
    const first = refresh();
    const burst = Array.from({ length: 1000 }, () => refresh());
    release();
    await first;
    await Promise.resolve();
    release();
    await Promise.all(burst);
    expect(runs).toBe(2);
  });

  it('never rejects, and runs again after a failure', async () => {
    let calls = 0;
    const refresh = singleFlight(async () => {
      calls += 1;
      if (calls === 1) throw new Error('Cannot send message, WebSocket is not open.');
    });
    await expect(refresh()).resolves.toBeUndefined();
    await expect(refresh()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
