import type { Kysely } from 'kysely';
import type { BacktestCandles, BacktestEvent, BacktestRun, BacktestRunInput, BacktestRunSummary } from '../../../shared/contract/backtest.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { candlesBetween } from '../persistence/candles.repository.ts';
import type { Database } from '../persistence/database.ts';
import { DEFAULT_PAPER_OPTIONS } from '../venues/paper/paper-venue.ts';
import { toColumns } from './candle-columns.ts';
import { chartCandles } from './chart-candles.ts';
import { PROGRESS_EVERY, startBacktest } from './run-backtest.ts';
import { deleteRun, findRun, listRuns, saveRun } from './runs.repository.ts';
import type { BacktestSimulation } from './simulation.ts';
import { thinCurve } from './thin-curve.ts';
import { timeframeMs } from './timeframe.ts';

/** Points of the equity curve kept with a saved run: plenty for a chart, a few hundred kB of JSON. */
const SAVED_CURVE_POINTS = 4000;
/** Bars drawn for a run's candle chart: lightweight-charts draws this many at once without a stall. */
const CHART_BARS = 5000;

/** A run checked and loaded, ready to execute. */
export interface PreparedRun {
  input: BacktestRunInput;
  venue: string;
  simulation: BacktestSimulation;
  options: BacktestRun['options'];
}

/** Saved backtests over the candle store, run in slices so the engine keeps serving while one runs. */
export class BacktestService {
  readonly #db: Kysely<Database>;
  readonly #instruments: () => readonly Instrument[];
  readonly #now: () => number;
  readonly #newId: () => string;

  constructor(deps: { db: Kysely<Database>; instruments: () => readonly Instrument[]; now?: () => number; newId?: () => string }) {
    this.#db = deps.db;
    this.#instruments = deps.instruments;
    this.#now = deps.now ?? Date.now;
    this.#newId = deps.newId ?? (() => crypto.randomUUID());
  }

  /** Reads the candles and checks everything, so a wrong request fails before any progress is streamed. */
  async prepare(input: BacktestRunInput): Promise<Result<PreparedRun>> {
    const instrument = this.#instruments().find((i) => i.symbol === input.symbol && (input.venue === undefined || i.venue === input.venue));
    const venue = input.venue ?? instrument?.venue;
    if (venue === undefined) return fail('INVALID_INPUT', `Say which venue's ${input.symbol} candles to test on`, [{ path: ['venue'], message: 'Venue is required for this symbol' }]);
    const candles = await candlesBetween(this.#db, { venue, symbol: input.symbol, timeframe: input.timeframe }, input.from, input.to);
    if (candles.length === 0) {
      const range = `${new Date(input.from).toISOString()} to ${new Date(input.to).toISOString()}`;
      return fail('INVALID_INPUT', `No ${input.symbol} ${input.timeframe} candles from ${venue} are stored from ${range}; import or backfill them first`);
    }
    const options: BacktestRun['options'] = {
      qty: input.qty,
      feeBps: input.feeBps ?? DEFAULT_PAPER_OPTIONS.takerFee * 10_000,
      slippageBps: input.slippageBps ?? DEFAULT_PAPER_OPTIONS.slippageBps,
      stopLossPct: input.stopLossPct ?? null,
      takeProfitPct: input.takeProfitPct ?? null,
    };
    const started = startBacktest(toColumns(candles), input.strategy, {
      qty: options.qty,
      feeRate: options.feeBps / 10_000,
      slippageBps: options.slippageBps,
      ...(instrument ? { rules: { tickSize: instrument.tickSize, stepSize: instrument.stepSize, minNotional: instrument.minNotional, base: instrument.base, quote: instrument.quote } } : {}),
      ...(input.stopLossPct !== undefined ? { stopLossPct: input.stopLossPct } : {}),
      ...(input.takeProfitPct !== undefined ? { takeProfitPct: input.takeProfitPct } : {}),
      ...(input.initialCapital !== undefined ? { initialCapital: input.initialCapital } : {}),
      ...(timeframeMs(input.timeframe) !== null ? { barMs: timeframeMs(input.timeframe)! } : {}),
    });
    if (!started.ok) return started;
    return ok({ input, venue, simulation: started.value, options });
  }

  /**
   * Runs a prepared backtest a slice at a time, yielding progress and a turn of the event loop
   * between slices; saves it and yields its summary at the end. An aborted signal stops it unsaved.
   */
  async *execute(prepared: PreparedRun, signal?: AbortSignal): AsyncGenerator<BacktestEvent, void, unknown> {
    const { simulation, input } = prepared;
    while (!simulation.done) {
      if (signal?.aborted) return;
      simulation.advance(PROGRESS_EVERY);
      yield { kind: 'progress', done: simulation.barsDone, total: simulation.totalBars };
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (signal?.aborted) return;
    const result = simulation.result();
    const run: BacktestRun = {
      id: this.#newId(),
      createdAt: this.#now(),
      venue: prepared.venue,
      symbol: input.symbol,
      timeframe: input.timeframe,
      from: input.from,
      to: input.to,
      strategy: input.strategy,
      metrics: result.metrics,
      options: prepared.options,
      trades: result.trades,
      openTrade: result.openTrade,
      equity: thinCurve(result.ts, result.equity, SAVED_CURVE_POINTS),
    };
    await saveRun(this.#db, run);
    const { id, createdAt, venue, symbol, timeframe, from, to, strategy, metrics } = run;
    yield { kind: 'done', run: { id, createdAt, venue, symbol, timeframe, from, to, strategy, metrics } };
  }

  list(): Promise<BacktestRunSummary[]> {
    return listRuns(this.#db);
  }

  async get(id: string): Promise<Result<BacktestRun>> {
    const run = await findRun(this.#db, id);
    return run ? ok(run) : fail('NOT_FOUND', `There is no saved backtest ${id}`);
  }

  /** The run's range from the candle store, merged down to a chart's worth of bars. */
  async candles(id: string): Promise<Result<BacktestCandles>> {
    const run = await findRun(this.#db, id);
    if (!run) return fail('NOT_FOUND', `There is no saved backtest ${id}`);
    const stored = await candlesBetween(this.#db, { venue: run.venue, symbol: run.symbol, timeframe: run.timeframe }, run.from, run.to);
    return ok(chartCandles(stored, CHART_BARS));
  }

  async remove(id: string): Promise<Result<{ id: string }>> {
    return (await deleteRun(this.#db, id)) ? ok({ id }) : fail('NOT_FOUND', `There is no saved backtest ${id}`);
  }
}
