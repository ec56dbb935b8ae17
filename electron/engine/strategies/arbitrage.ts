import type { z } from 'zod';
import { type ArbitrageParamsSchema, roundTripCostPct, type StrategyParams } from '../../../shared/domain/strategy-params.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { FLAT, LONG, SHORT, plot } from './signals.ts';
import type { Intent, Plot, StrategyPosition } from './strategy.ts';

type Params = z.infer<typeof ArbitrageParamsSchema>;

/** One intent per leg: leg A trades on the bot's account, leg B on the second venue. */
export interface PairIntent {
  a: Intent;
  b: Intent;
}

export interface PairPositions {
  a: StrategyPosition;
  b: StrategyPosition;
}

/**
 * A strategy over two feeds of one symbol, bar by bar, both bars closed at the same time. Pure like
 * `Strategy`: the same object runs a paper bot and the pair backtest; it never keeps a candle.
 */
export interface PairStrategy {
  readonly warmupBars: number;
  readonly plots: readonly Plot[];
  onBars(a: Candle, b: Candle, positions: PairPositions): PairIntent | null;
}

const BUY_A_SELL_B: PairIntent = Object.freeze({ a: LONG, b: SHORT });
const SELL_A_BUY_B: PairIntent = Object.freeze({ a: SHORT, b: LONG });
const CLOSE_BOTH: PairIntent = Object.freeze({ a: FLAT, b: FLAT });

const usable = (px: number) => Number.isFinite(px) && px > 0;

/**
 * The legs as one position: 1 long A and short B, -1 short A and long B, 0 flat, NaN when they do
 * not hedge each other (one leg missing, or both on one side): the only safe move then is out.
 */
function heldDirection({ a, b }: PairPositions): number {
  if (a.qty === 0 && b.qty === 0) return 0;
  if (a.qty > 0 && b.qty < 0) return 1;
  if (a.qty < 0 && b.qty > 0) return -1;
  return Number.NaN;
}

/**
 * Spread = (close B − close A) / close A, in %. Enters when its size, less the round-trip cost of the
 * four fills (`roundTripCostPct`), is above `entrySpreadPct`: buys the venue that is cheap and sells
 * the dear one. Leaves once the spread in the held direction is below `exitSpreadPct`; if by then
 * it is wide enough the other way, goes straight to the other side. Bars from different times, or a
 * price that is not a positive number, give no signal.
 */
export class SpreadArbitrage implements PairStrategy {
  readonly warmupBars = 1;
  readonly plots: readonly Plot[];
  readonly #entry: number;
  readonly #exit: number;
  #spread: number | null = null;

  constructor(params: Params) {
    this.#entry = params.entrySpreadPct + roundTripCostPct(params);
    this.#exit = params.exitSpreadPct;
    this.plots = [plot('Spread B − A (%)', 'below', () => this.#spread)];
  }

  onBars(a: Candle, b: Candle, positions: PairPositions): PairIntent | null {
    if (a.ts !== b.ts || !usable(a.close) || !usable(b.close)) return null;
    const spread = (this.#spread = ((b.close - a.close) / a.close) * 100);
    const held = heldDirection(positions);
    if (Number.isNaN(held)) return CLOSE_BOTH;
    const wanted = spread > this.#entry ? 1 : -spread > this.#entry ? -1 : 0;
    if (held === 0) return wanted === 1 ? BUY_A_SELL_B : wanted === -1 ? SELL_A_BUY_B : null;
    if (held * spread >= this.#exit) return null;
    return wanted === -held ? (wanted === 1 ? BUY_A_SELL_B : SELL_A_BUY_B) : CLOSE_BOTH;
  }
}

/** The pair strategy of a bot's params, or null when they are not a two-feed strategy. */
export function createPairStrategy(params: StrategyParams): PairStrategy | null {
  return params.kind === 'arbitrage' ? new SpreadArbitrage(params) : null;
}
