/** Which protective level fired in a bar, and at what price: the open (a gap past the level) or the level itself. */
export const ExitHit = { None: 0, StopAtOpen: 1, TargetAtOpen: 2, StopAtLevel: 3, TargetAtLevel: 4 } as const;
export type ExitHit = (typeof ExitHit)[keyof typeof ExitHit];

/**
 * Whether a position's stop-loss or take-profit fires inside one bar, seen only through its open,
 * high and low. A level the open already jumped past fills at the open (the gap: nothing traded at
 * the level). Otherwise a level inside the bar's range fills at the level; when both are inside the
 * range the order of the moves is unknown and the stop wins (the cautious reading).
 * `direction` is 1 for a long (stop below, target above), -1 for a short. A level that is NaN is not set.
 */
export function intrabarExit(direction: number, stop: number, target: number, open: number, high: number, low: number): ExitHit {
  if (direction > 0) {
    if (open <= stop) return ExitHit.StopAtOpen;
    if (open >= target) return ExitHit.TargetAtOpen;
    if (low <= stop) return ExitHit.StopAtLevel;
    if (high >= target) return ExitHit.TargetAtLevel;
    return ExitHit.None;
  }
  if (open >= stop) return ExitHit.StopAtOpen;
  if (open <= target) return ExitHit.TargetAtOpen;
  if (high >= stop) return ExitHit.StopAtLevel;
  if (low <= target) return ExitHit.TargetAtLevel;
  return ExitHit.None;
}
