/**
 * At most about `maxPoints` [time, value] pairs of a long curve, for a chart and for storage: of
 * each stretch of bars the lowest point and the last one (and the very first point), so a drawdown's trough is never thinned away.
 */
export function thinCurve(ts: ArrayLike<number>, values: ArrayLike<number>, maxPoints: number): [number, number][] {
  const n = values.length;
  const stride = Math.max(1, Math.ceil((2 * n) / maxPoints));
  const out: [number, number][] = [];
  for (let start = 0; start < n; start += stride) {
    const end = Math.min(n, start + stride) - 1;
    let lowest = start;
    for (let i = start + 1; i <= end; i++) if (values[i]! < values[lowest]!) lowest = i;
    if (start === 0 && lowest !== 0 && end !== 0) out.push([ts[0]!, values[0]!]);
    if (lowest !== end) out.push([ts[lowest]!, values[lowest]!]);
    out.push([ts[end]!, values[end]!]);
  }
  return out;
}
