import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchClockJumps } from './clock-jump.ts';

describe('wall-clock jump detector (the headless host’s wake from sleep)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A machine whose wall clock and monotonic clock the test moves; the timers run on the fake clock. */
  function machine() {
    let wall = Date.UTC(2026, 0, 5);
    let mono = 0;
    const jumps: number[] = [];
    const stop = watchClockJumps({ onJump: (gap) => jumps.push(gap), intervalMs: 1_000, toleranceMs: 5_000, wallNow: () => wall, monotonicNow: () => mono });
    const tick = (wallMs: number, monoMs = wallMs) => {
      wall += wallMs;
      mono += monoMs;
      vi.advanceTimersByTime(1_000);
    };
    return { jumps, stop, tick };
  }

  it('fires after a sleep (the wall clock moved, the monotonic clock did not), once', () => {
    const m = machine();
    m.tick(1_000);
    m.tick(3_600_000 + 1_000, 1_000); // an hour asleep between two ticks
    m.tick(1_000);
    expect(m.jumps).toEqual([3_600_000]);
    m.stop();
  });

  it('fires when the clock is set back, and not for a busy event loop or small drift', () => {
    const m = machine();
    m.tick(60_000); // the loop was blocked a minute: both clocks moved alike
    m.tick(1_000 + 4_000, 1_000); // NTP nudged it 4 s: under the tolerance
    expect(m.jumps).toEqual([]);
    m.tick(1_000 - 120_000, 1_000);
    expect(m.jumps).toEqual([-120_000]);
    m.stop();
  });

  it('stops watching when asked', () => {
    const m = machine();
    m.stop();
    m.tick(3_600_000, 0);
    expect(m.jumps).toEqual([]);
  });
});
