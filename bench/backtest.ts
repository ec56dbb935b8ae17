import { emptyColumns, type CandleColumns } from '../electron/engine/backtest/candle-columns.ts';
import { runBacktest } from '../electron/engine/backtest/run-backtest.ts';
import { seededRandom } from '../electron/engine/market/random-walk.ts';

const BARS = 1_000_000;
const RUNS = 5;

/** A deterministic 1-minute random walk (about 60 % yearly volatility), the bars' ranges from four steps each. */
function randomWalk(bars: number): CandleColumns {
  const columns = emptyColumns(bars);
  const random = seededRandom(42);
  let px = 30_000;
  for (let i = 0; i < bars; i++) {
    const open = px;
    let high = px;
    let low = px;
    for (let step = 0; step < 4; step++) {
      px *= 1 + (random() - 0.5) * 0.0016;
      high = Math.max(high, px);
      low = Math.min(low, px);
    }
    columns.ts[i] = i * 60_000;
    columns.open[i] = open;
    columns.high[i] = high;
    columns.low[i] = low;
    columns.close[i] = px;
    columns.volume[i] = 1 + random();
  }
  return columns;
}

/** The floor any backtest pays: one rolling-sum SMA over the same closes, no strategy, no orders. */
function bareSma(closes: Float64Array, period: number): Float64Array {
  const out = new Float64Array(closes.length);
  let sum = 0;
  for (let i = 0; i < closes.length; i++) {
    sum += closes[i]!;
    if (i >= period) sum -= closes[i - period]!;
    out[i] = i >= period - 1 ? sum / period : Number.NaN;
  }
  return out;
}

/**
 * Fastest of the runs, in CPU milliseconds of this process (user + system): on a machine shared
 * with other jobs the wall clock also counts the time the thread waited for a core.
 */
const fastest = (run: () => unknown) => {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
};

export function backtestSpeed(): void {
  console.log(`\n# Backtest: MA crossover over ${BARS.toLocaleString()} 1-minute candles, one thread (fastest of ${RUNS} runs, CPU time)`);
  const candles = randomWalk(BARS);
  const smaMs = fastest(() => bareSma(candles.close, 30));
  console.log(`bare SMA(30) loop over the closes: ${smaMs.toFixed(1)} ms (${Math.round(BARS / (smaMs / 1000)).toLocaleString()} candles/s)`);
  for (const [fast, slow, feeRate] of [[10, 30, 0], [10, 30, 0.001], [50, 200, 0.001]] as const) {
    let trades = 0;
    const ms = fastest(() => {
      const result = runBacktest(candles, { kind: 'ma_crossover', fast, slow }, { qty: 1, feeRate, slippageBps: feeRate > 0 ? 5 : 0 });
      if (!result.ok) throw new Error(result.error.message);
      trades = result.value.metrics.trades;
    });
    const rate = BARS / (ms / 1000);
    console.log(
      `ma_crossover ${fast}/${slow}, fee ${feeRate * 100} %: ${ms.toFixed(1)} ms, ${Math.round(rate).toLocaleString()} candles/s, ${trades.toLocaleString()} trades, ${(ms / smaMs).toFixed(1)}x the bare SMA loop`,
    );
  }
}

if (import.meta.main) backtestSpeed();
