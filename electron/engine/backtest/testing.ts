import type { Candle } from '../../../shared/domain/candle.ts';
import type { Intent, Strategy } from '../strategies/strategy.ts';
import { toColumns } from './candle-columns.ts';

/** A strategy that says what the script says after the bar with that index, and nothing else. */
export function scripted(script: Record<number, Intent>): Strategy {
  let bar = -1;
  return { warmupBars: 0, plots: [], onBar: () => script[(bar += 1)] ?? null };
}

/** Bars one minute apart from [open, high, low, close] rows. */
export const bars = (rows: readonly [number, number, number, number][]) =>
  toColumns(rows.map(([open, high, low, close], i): Candle => ({ ts: i * 60_000, open, high, low, close, volume: 1 })));
