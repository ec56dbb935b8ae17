/** Time as the engine sees it: wall time in the app, a controllable clock in tests and backtests. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
