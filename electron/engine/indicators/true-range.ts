/**
 * TA-Lib's TRANGE: the largest of today's range and the gaps from yesterday's close to today's
 * high and low. Undefined on the first bar (no yesterday).
 */
export function trueRange(high: number, low: number, previousClose: number): number {
  const range = high - low;
  const upGap = Math.abs(previousClose - high);
  const downGap = Math.abs(previousClose - low);
  let greatest = range;
  if (upGap > greatest) greatest = upGap;
  if (downGap > greatest) greatest = downGap;
  return greatest;
}
