/** A trade's length in the two largest units: "3d 4h", "12m 5s", "0s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]];
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count}${unit}`);
    if (parts.length === 2) break;
  }
  return parts.length === 0 ? '0s' : parts.join(' ');
}

/** A ratio as a signed percentage to two decimals: 0.1234 → "+12.34 %"; null or non-finite → "—". */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  const value = Math.round(ratio * 10_000) / 100;
  return `${value > 0 ? '+' : ''}${(value === 0 ? 0 : value).toFixed(2)} %`;
}

/** Paper and live trades never read alike: the account says which. */
export const modeLabel = (accountId: string): string => (accountId === 'paper' ? 'Paper' : `Live · ${accountId}`);
