import type { Kysely } from 'kysely';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { candlesBetween } from '../../persistence/candles.repository.ts';
import type { Database } from '../../persistence/database.ts';
import { DEFAULT_PAPER_OPTIONS } from '../../venues/paper/paper-venue.ts';
import { type CandleColumns, toColumns } from '../candle-columns.ts';
import type { BacktestOptions } from '../options.ts';
import { timeframeMs } from '../timeframe.ts';

/** What a search or a replay runs on: a stored series [from, to) and the backtest's order options. */
export interface SeriesRequest {
  symbol: string;
  venue?: string | undefined;
  timeframe: string;
  from: number;
  to: number;
  qty: number;
  feeBps?: number | undefined;
  slippageBps?: number | undefined;
  initialCapital?: number | undefined;
}

export interface Series {
  venue: string;
  candles: CandleColumns;
  /** Fees and slippage default to the paper venue's, and the venue's rules apply, as in a saved backtest. */
  options: BacktestOptions;
}

/** Reads the candles and builds the options the way a saved backtest does (see `BacktestService.prepare`). */
export async function loadSeries(db: Kysely<Database>, instruments: readonly Instrument[], request: SeriesRequest): Promise<Result<Series>> {
  const instrument = instruments.find((i) => i.symbol === request.symbol && (request.venue === undefined || i.venue === request.venue));
  const venue = request.venue ?? instrument?.venue;
  if (venue === undefined) return fail('INVALID_INPUT', `Say which venue's ${request.symbol} candles to test on`, [{ path: ['venue'], message: 'Venue is required for this symbol' }]);
  const candles = await candlesBetween(db, { venue, symbol: request.symbol, timeframe: request.timeframe }, request.from, request.to);
  if (candles.length === 0) {
    const range = `${new Date(request.from).toISOString()} to ${new Date(request.to).toISOString()}`;
    return fail('INVALID_INPUT', `No ${request.symbol} ${request.timeframe} candles from ${venue} are stored from ${range}; import or backfill them first`);
  }
  const barMs = timeframeMs(request.timeframe);
  return ok({
    venue,
    candles: toColumns(candles),
    options: {
      qty: request.qty,
      feeRate: (request.feeBps ?? DEFAULT_PAPER_OPTIONS.takerFee * 10_000) / 10_000,
      slippageBps: request.slippageBps ?? DEFAULT_PAPER_OPTIONS.slippageBps,
      ...(instrument ? { rules: { tickSize: instrument.tickSize, stepSize: instrument.stepSize, minNotional: instrument.minNotional, base: instrument.base, quote: instrument.quote } } : {}),
      ...(request.initialCapital !== undefined ? { initialCapital: request.initialCapital } : {}),
      ...(barMs !== null ? { barMs } : {}),
    },
  });
}
