export interface ClockJumpOptions {
  /** Called with how far the wall clock moved beyond the time that really passed (negative: set back). */
  onJump(gapMs: number): void;
  /** How often the clocks are compared. */
  intervalMs?: number;
  /** A gap smaller than this is ignored (NTP slews, a slow tick). */
  toleranceMs?: number;
  wallNow?: () => number;
  /** A clock that stops while the machine sleeps and never jumps (CLOCK_MONOTONIC behind `performance.now`). */
  monotonicNow?: () => number;
}

/**
 * The headless host's stand-in for Electron's `resume` event: after a suspend the wall clock has
 * moved on while the monotonic clock and the timers stood still, so comparing how far each moved
 * between two ticks tells a sleep (or a clock set by hand) from a merely busy event loop, where
 * both move alike. Returns a function that stops watching.
 */
export function watchClockJumps(options: ClockJumpOptions): () => void {
  const { onJump, intervalMs = 10_000, toleranceMs = 30_000, wallNow = Date.now, monotonicNow = () => performance.now() } = options;
  let wall = wallNow();
  let mono = monotonicNow();
  const timer = setInterval(() => {
    const [nextWall, nextMono] = [wallNow(), monotonicNow()];
    const gap = nextWall - wall - (nextMono - mono);
    [wall, mono] = [nextWall, nextMono];
    if (Math.abs(gap) > toleranceMs) onJump(gap);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
