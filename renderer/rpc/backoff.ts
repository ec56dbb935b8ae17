const FIRST_MS = 500;
const MAX_MS = 15_000;

/**
 * How long to wait before reconnection attempt `attempt` (0-based): doubling from half a second up
 * to 15 s, with up to a fifth added at random so tabs that lost the host together do not all
 * come back in the same instant.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_MS, FIRST_MS * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(base * (1 + random() / 5));
}

export { delay } from '../../shared/delay.ts';
