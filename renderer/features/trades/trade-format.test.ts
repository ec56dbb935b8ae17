import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, modeLabel } from './trade-format.ts';

describe('trade formatting', () => {
  it('writes durations in their two largest units', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(59_999)).toBe('59s');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 5_000)).toBe('3d 4h');
    expect(formatDuration(3_600_000 + 5_000)).toBe('1h 0m');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('writes returns as signed percentages, never -0.00 %', () => {
    expect(formatPercent(0.12345)).toBe('+12.35 %');
    expect(formatPercent(-0.5)).toBe('-50.00 %');
    expect(formatPercent(-1e-9)).toBe('0.00 %');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('labels paper and live accounts apart', () => {
    expect(modeLabel('paper')).toBe('Paper');
    expect(modeLabel('binance-main')).toBe('Live · binance-main');
  });
});
