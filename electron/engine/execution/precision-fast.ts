/**
 * Float shortcuts for the roundings the ledger does on every fill (`roundTo` at 8 or 10 decimals,
 * `roundSignificant` at 15 digits): a backtest books tens of thousands of fills a second through
 * the same position math as live, and the exact decimal path costs microseconds each. A shortcut
 * answers only when it gives the very double the decimal path gives; otherwise it returns null.
 *
 * Why it is the same double: with P = 10^n exact (n ≤ 22), s = |value| × P is within s × 2^-52 of
 * D × P, D being the shortest decimal of the value (what the decimal path rounds). When s's
 * fraction is farther than twice that from one half, D × P and s round to the same integer R, and
 * R / P (one correctly rounded division) is the double nearest to R × 10^-n: the decimal result.
 */
const POW10: number[] = [1];
// By multiplication, not `10 ** n`: every product up to 10^22 is exact (5^22 < 2^53).
for (let n = 1; n <= 22; n++) POW10.push(POW10[n - 1]! * 10);

/** Above 2^52 a double has no fraction left to round. */
const MAX_SCALED = 2 ** 52;
/**
 * `roundTo` hands a value whose step is finer than a few of its ulps back unchanged (s from about
 * 2^50 up); the shortcut stays well below that, so the two rules never meet.
 */
const MAX_SCALED_DECIMALS = 2 ** 49;
const MARGIN = 2 ** -51;

function nearestOnGrid(abs: number, scale: number, maxScaled: number): number | null {
  const s = abs * scale;
  if (!(s < maxScaled)) return null;
  const whole = Math.floor(s);
  const fraction = s - whole;
  if (Math.abs(fraction - 0.5) <= s * MARGIN) return null;
  return (fraction > 0.5 ? whole + 1 : whole) / scale;
}

const signed = (value: number, abs: number | null) => (abs === null ? null : abs === 0 ? 0 : value < 0 ? -abs : abs);

/** `roundTo(value, decimals)` (half away from zero) when floats give the exact answer, else null. */
export function fastRoundTo(value: number, decimals: number): number | null {
  if (!(decimals >= 0 && decimals <= 22)) return null;
  return signed(value, nearestOnGrid(Math.abs(value), POW10[decimals]!, MAX_SCALED_DECIMALS));
}

/** `roundSignificant(value, digits)` for |value| from 1 to 1e22 when floats give the exact answer, else null. */
export function fastRoundSignificant(value: number, digits: number): number | null {
  const abs = Math.abs(value);
  if (!(abs >= 1 && abs < 1e22)) return null;
  // The number of integer digits, checked against exact powers (log10 can be off by one at 10^k).
  let k = Math.min(21, Math.floor(Math.log10(abs)));
  while (k > 0 && POW10[k]! > abs) k--;
  while (k < 21 && POW10[k + 1]! <= abs) k++;
  const shift = digits - 1 - k;
  if (shift < 0 || shift > 22) return null;
  return signed(value, nearestOnGrid(abs, POW10[shift]!, MAX_SCALED));
}
