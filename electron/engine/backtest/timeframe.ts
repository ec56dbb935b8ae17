const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The duration of a timeframe like `1m`, `15m`, `4h`, `1d`; null for anything else. */
export function timeframeMs(timeframe: string): number | null {
  const match = /^(\d{1,4})([smhdw])$/.exec(timeframe);
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2]!]!;
  return ms > 0 ? ms : null;
}
