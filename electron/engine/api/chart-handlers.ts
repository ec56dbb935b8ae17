import { implement } from '@orpc/server';
import { CHART_TIMEFRAME_MS, chartContract, type ChartTimeframe, type PlotEvent } from '../../../shared/contract/chart.ts';
import type { CandleUpdate } from '../../../shared/domain/candle.ts';
import { fail, ok } from '../../../shared/errors.ts';
import { LiveBucket, bucketStart } from '../market/candle-aggregation.ts';
import { BASE_MS, BASE_TIMEFRAME, type ChartSeriesKey, chartCandlesBefore } from '../market/chart-candles.ts';
import { warmPlots } from '../market/plot-history.ts';
import { PlotSampler } from '../market/plot-series.ts';
import { candlesBefore, candlesBetween } from '../persistence/candles.repository.ts';
import { createStrategy } from '../strategies/strategy.ts';
import type { EngineServices } from '../services.ts';
import { unwrap } from './errors.ts';
import { seededStream } from './seeded-stream.ts';

// No storage guard: charts only read, and a trader with a full disk still needs to see the market.
const os = implement(chartContract).$context<{ engine: EngineServices }>();

/** The chart's first page is 1000 bars; plots cover as many (within the page's row budget) after their warm-up. */
const PLOT_BARS = 1000;
const MAX_PLOT_BASE_ROWS = 100_000;

function seriesKey(engine: EngineServices, symbol: string): ChartSeriesKey {
  const instrument = engine.instruments.find((i) => i.symbol === symbol);
  const found = instrument ? ok(instrument) : fail('INVALID_INPUT', `Unknown symbol ${symbol}`, [{ path: ['symbol'], message: 'Unknown symbol' }]);
  return { venue: unwrap(found).venue, symbol };
}

const baseBarsOf = (engine: EngineServices, symbol: string) => (listener: (u: CandleUpdate) => void) =>
  engine.bus.on('candle', (u) => u.symbol === symbol && u.timeframe === BASE_TIMEFRAME && listener(u));

/** The forming bucket and its latest closed state, built from live 1-minute bars on top of the bucket's stored minutes. */
function liveBuckets(engine: EngineServices, symbol: string, timeframe: ChartTimeframe, signal: AbortSignal | undefined) {
  const key = { ...seriesKey(engine, symbol), timeframe: BASE_TIMEFRAME };
  const bucketMs = CHART_TIMEFRAME_MS[timeframe];
  return seededStream<CandleUpdate>(
    baseBarsOf(engine, symbol),
    async () => {
      // Minutes pass through as the market publishes them: the chart's 1m bars are the stored ones.
      if (timeframe === BASE_TIMEFRAME) return { onUpdate: (u: CandleUpdate) => u };
      const bucket = new LiveBucket(bucketMs, BASE_MS);
      const [newest] = await candlesBefore(engine.reads, key, 1);
      if (newest) bucket.seed(await candlesBetween(engine.reads, key, bucketStart(newest.ts, bucketMs), newest.ts + 1));
      return {
        onUpdate: (u) => {
          const next = bucket.apply(u.candle, u.closed);
          return next && { symbol, timeframe, ...next };
        },
      };
    },
    (u) => (u.closed ? 'closed' : 'forming'),
    signal,
  );
}

/** The bot's strategy lines over recent history, then one point per closed minute (several per chart bar replace one another). */
function plotStream(engine: EngineServices, botId: string, timeframe: ChartTimeframe, signal: AbortSignal | undefined) {
  return seededStream<PlotEvent>(
    (listener) => engine.bus.on('candle', listener),
    async () => {
      const bot = unwrap(await engine.bots.get(botId));
      const strategy = createStrategy(bot.strategy);
      // An alert-driven bot (TradingView) declares no lines: its chart shows bars only.
      if (!strategy) return { first: { kind: 'history', series: [] }, onUpdate: () => null };
      const bucketMs = CHART_TIMEFRAME_MS[timeframe];
      const rows = Math.min(MAX_PLOT_BASE_ROWS, PLOT_BARS * (bucketMs / BASE_MS)) + strategy.warmupBars;
      const sampler = new PlotSampler(strategy, bucketMs);
      const series = await warmPlots(engine.reads, { ...seriesKey(engine, bot.symbol), timeframe: bot.timeframe }, rows, sampler);
      return {
        first: { kind: 'history', series },
        onUpdate: (u) => {
          if (!u.closed || u.symbol !== bot.symbol || u.timeframe !== bot.timeframe) return null;
          const point = sampler.onClosed(u.candle);
          return point && { kind: 'point', ...point };
        },
      };
    },
    (event) => (event.kind === 'history' ? 'history' : String(event.ts)),
    signal,
  );
}

/** Charts: bars of any timeframe built from the stored minutes, live, and the bot's strategy lines. */
export const chartRouter = os.router({
  candles: os.candles.handler(({ input, context: { engine } }) => chartCandlesBefore(engine.reads, seriesKey(engine, input.symbol), input.timeframe, input.limit, input.before)),
  live: os.live.handler(({ input, context: { engine }, signal }) => liveBuckets(engine, input.symbol, input.timeframe, signal)),
  plots: os.plots.handler(({ input, context: { engine }, signal }) => plotStream(engine, input.botId, input.timeframe, signal)),
});
