import type { Candle } from '../../../../shared/domain/candle.ts';
import type { AlertAction, PriceLevel } from '../../../../shared/domain/webhook.ts';
import type { Intent, Strategy, StrategyPosition } from '../../strategies/strategy.ts';
import { marketFillPrice } from '../../venues/paper/paper-rules.ts';
import type { CandleColumns } from '../candle-columns.ts';
import type { ReplayAlert } from './replay-alert.ts';

type Side = -1 | 0 | 1;

/** The side after an alert, like the live bot with one entry per position (an add to a position is not replayed). */
export function sideAfter(action: AlertAction, held: Side): Side {
  switch (action) {
    case 'long':
      return 1;
    case 'short':
      return -1;
    case 'buy':
      return held < 0 ? 0 : 1;
    case 'sell':
      return held > 0 ? 0 : -1;
    case 'exit_long':
      return held > 0 ? 0 : held;
    case 'exit_short':
      return held < 0 ? 0 : held;
    case 'close':
    case 'close_all':
      return 0;
    case 'reverse':
      return held === 0 ? 0 : held > 0 ? -1 : 1;
  }
}

/** Which alert levels to keep: the alerts' own, or none (the run's percent distances apply instead). */
export interface LevelUse {
  stopLoss: boolean;
  takeProfit: boolean;
}

/** The index of the first bar opening strictly after `time`, or `length` if none does. */
function firstBarAfter(ts: Float64Array, time: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! > time) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A strategy whose intents are the alerts: an alert fills at the open of the first bar after it
 * arrived, so it speaks on the close of the bar before that one (the backtester fills an intent at
 * the next open). Alerts before the first bar or after the last open cannot be filled: counted.
 */
export class AlertStrategy implements Strategy {
  readonly warmupBars = 0;
  readonly plots = [];
  /** Alerts with nothing to do when they came (an exit with no position, an entry on the side held). */
  ignored = 0;
  readonly outsideCandles: number;
  readonly #byBar = new Map<number, ReplayAlert[]>();
  readonly #candles: CandleColumns;
  readonly #slippageBps: number;
  readonly #levels: LevelUse;
  #cursor = -1;

  constructor(candles: CandleColumns, alerts: readonly ReplayAlert[], slippageBps: number, levels: LevelUse) {
    this.#candles = candles;
    this.#slippageBps = slippageBps;
    this.#levels = levels;
    let outside = 0;
    for (const alert of [...alerts].sort((a, b) => a.time - b.time)) {
      const fillBar = firstBarAfter(candles.ts, alert.time);
      if (fillBar === 0 || fillBar === candles.length) outside += 1;
      else this.#byBar.set(fillBar - 1, [...(this.#byBar.get(fillBar - 1) ?? []), alert]);
    }
    this.outsideCandles = outside;
  }

  onBar(candle: Candle, position: StrategyPosition): Intent | null {
    const bar = this.#barIndex(candle.ts);
    const alerts = this.#byBar.get(bar);
    if (!alerts) return null;
    const start: Side = position.qty > 0 ? 1 : position.qty < 0 ? -1 : 0;
    let side = start;
    let entry: ReplayAlert | null = null;
    for (const alert of alerts) {
      const next = sideAfter(alert.action, side);
      if (next === side) this.ignored += 1;
      else if (next !== 0) entry = alert;
      side = next;
    }
    if (side === start && entry === null) return null;
    const target = side > 0 ? 'long' : side < 0 ? 'short' : 'flat';
    if (side === 0 || entry === null) return { target };
    return { target, ...this.#levelsOf(entry, side, this.#candles.open[bar + 1]!) };
  }

  /** The alert's levels as prices; a percent is measured from the expected fill (the next open plus slippage). */
  #levelsOf(alert: ReplayAlert, side: 1 | -1, nextOpen: number): Pick<Intent, 'stopLoss' | 'takeProfit'> {
    const fill = marketFillPrice(side > 0 ? 'BUY' : 'SELL', nextOpen, this.#slippageBps);
    const price = (level: PriceLevel | null, away: 1 | -1) => (level?.price ?? (level?.percent !== undefined ? fill * (1 + (away * side * level.percent) / 100) : undefined));
    const stopLoss = this.#levels.stopLoss ? price(alert.stopLoss, -1) : undefined;
    const takeProfit = this.#levels.takeProfit ? price(alert.takeProfit, 1) : undefined;
    return { ...(stopLoss !== undefined ? { stopLoss } : {}), ...(takeProfit !== undefined ? { takeProfit } : {}) };
  }

  /** Bars arrive in order: the index follows the candle's time (kept in step, no search per bar). */
  #barIndex(ts: number): number {
    this.#cursor += 1;
    if (this.#candles.ts[this.#cursor] !== ts) throw new Error(`Alert replay out of step: bar ${this.#cursor} opens at ${this.#candles.ts[this.#cursor]}, the backtester gave ${ts}`);
    return this.#cursor;
  }
}
