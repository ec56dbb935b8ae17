import { optimize, type OptimizeRequest } from '../electron/engine/backtest/optimize/optimize.ts';
import { walk } from '../electron/engine/backtest/optimize/testing/walk.ts';

const BARS = 200_000;

/** 48 MA crossover sets (fast 5..40 by 5 × slow 50..100 by 10) over 200 k one-minute bars. */
const request: OptimizeRequest = {
  kind: 'ma_crossover',
  params: { fast: { kind: 'range', from: 5, to: 40, step: 5 }, slow: { kind: 'range', from: 50, to: 100, step: 10 } },
  search: { mode: 'grid' },
  rankBy: 'sharpe',
  top: 5,
};

/** Parameter sets per second of wall time with one worker thread, then two (workers start inside the timing: a search pays for them). */
export async function optimizeSpeed(): Promise<void> {
  const candles = walk(BARS);
  const rates: number[] = [];
  for (const workers of [1, 2]) {
    const started = performance.now();
    const result = await optimize(candles, request, { qty: 1, feeRate: 0.001 }, { workers });
    if (!result?.ok) throw new Error(`optimisation bench failed: ${result ? result.error.message : 'cancelled'}`);
    const seconds = (performance.now() - started) / 1000;
    rates.push(result.value.tested / seconds);
    console.log(`optimise: ${result.value.tested} MA crossover sets × ${BARS.toLocaleString('en-US')} bars on ${workers} worker${workers > 1 ? 's' : ''}: ${(result.value.tested / seconds).toFixed(1)} sets/s (${(seconds * 1000).toFixed(0)} ms)`);
  }
  console.log(`optimise: 2 workers / 1 worker = ${(rates[1]! / rates[0]!).toFixed(2)}×`);
}
