import type { OrderSide } from '../../../shared/domain/order.ts';
import { applyFill, type ClosedTrip, FLAT, type PositionState } from '../execution/position-math.ts';
import { applyMarketRules, fillFee, marketFillPrice } from '../venues/paper/paper-rules.ts';
import type { Intent } from '../strategies/strategy.ts';
import { ExitHit, intrabarExit } from './exits.ts';
import type { ResolvedOptions } from './options.ts';

export type ExitReason = 'signal' | 'stop_loss' | 'take_profit';

/** A closed round trip; times are the fills' bar open times (epoch ms), pnl net of both fills' fees. */
export interface BacktestTrade {
  side: 'long' | 'short';
  qty: number;
  entryTime: number;
  exitTime: number;
  entryPrice: number;
  exitPrice: number;
  pnl: number;
  fees: number;
  exitReason: ExitReason;
}

/** An order the venue rules refused (below the step or the minimum notional), with the trader's reason. */
export interface Refusal {
  ts: number;
  reason: string;
}

/** Refusals kept word for word; beyond this only the count grows (a bad rule refuses every bar). */
const KEPT_REFUSALS = 100;

const tradeOf = (trip: ClosedTrip, exitReason: ExitReason): BacktestTrade => ({
  side: trip.side === 'LONG' ? 'long' : 'short',
  qty: trip.qty,
  entryTime: trip.openedAt,
  exitTime: trip.closedAt,
  entryPrice: trip.avgPxOpen,
  exitPrice: trip.avgPxClose,
  pnl: trip.realizedPnl,
  fees: trip.fees,
  exitReason,
});

/**
 * The in-memory ledger of a backtest: the live code's market fills (paper venue slippage, venue
 * rules, fee) booked by the live position math, with the position's protective levels. Nothing
 * here allocates unless an order fills.
 */
export class BacktestBook {
  position: PositionState = FLAT;
  stop = Number.NaN;
  target = Number.NaN;
  readonly trades: BacktestTrade[] = [];
  readonly refusals: Refusal[] = [];
  refusedCount = 0;
  readonly #options: ResolvedOptions;

  constructor(options: ResolvedOptions) {
    this.#options = options;
  }

  /** Moves the position to the side the intent wants with market orders at `open`, like a bot: close first, then enter. */
  follow(intent: Intent, open: number, ts: number): void {
    const held = this.position.netQty;
    const want = intent.target;
    // A close the rules refuse (a dust position under the minimum) leaves the position as it is: no reversal on top of it.
    if (held > 0 && want !== 'long' && !this.#market('SELL', held, open, ts, 'signal')) return;
    if (held < 0 && want !== 'short' && !this.#market('BUY', -held, open, ts, 'signal')) return;
    if (want === 'long' && held <= 0 && this.#market('BUY', this.#options.qty, open, ts, 'signal')) this.#arm(intent, 1);
    if (want === 'short' && held >= 0 && this.#market('SELL', this.#options.qty, open, ts, 'signal')) this.#arm(intent, -1);
  }

  /** Fires the stop-loss or take-profit if the bar reached it (see `intrabarExit`). */
  checkLevels(open: number, high: number, low: number, ts: number): void {
    const held = this.position.netQty;
    if (held === 0) return;
    const hit = intrabarExit(held > 0 ? 1 : -1, this.stop, this.target, open, high, low);
    if (hit === ExitHit.None) return;
    const price = hit === ExitHit.StopAtLevel ? this.stop : hit === ExitHit.TargetAtLevel ? this.target : open;
    const reason: ExitReason = hit === ExitHit.StopAtOpen || hit === ExitHit.StopAtLevel ? 'stop_loss' : 'take_profit';
    this.#market(held > 0 ? 'SELL' : 'BUY', Math.abs(held), price, ts, reason);
  }

  /** Levels for the entry just filled: the intent's prices, else the configured distances from the fill price. */
  #arm(intent: Intent, direction: 1 | -1): void {
    const entry = this.position.avgPxOpen;
    this.stop = intent.stopLoss ?? entry * (1 - direction * this.#options.stopLossPct);
    this.target = intent.takeProfit ?? entry * (1 + direction * this.#options.takeProfitPct);
  }

  /** One market order against `reference` (the open, or the level that fired); false when the rules refused it. */
  #market(side: OrderSide, qty: number, reference: number, ts: number, reason: ExitReason): boolean {
    const { instrument, slippageBps, feeRate } = this.#options;
    let px = marketFillPrice(side, reference, slippageBps);
    let fillQty = qty;
    if (instrument) {
      const checked = applyMarketRules(instrument, qty, px);
      if (!checked.ok) {
        this.refusedCount += 1;
        if (this.refusals.length < KEPT_REFUSALS) this.refusals.push({ ts, reason: checked.reason });
        return false;
      }
      fillQty = checked.qty;
      px = checked.price;
    }
    const { next, closed } = applyFill(this.position, { side, qty: fillQty, px, fee: fillFee(fillQty, px, feeRate), ts });
    this.position = next;
    if (closed) this.trades.push(tradeOf(closed, reason));
    if (next.netQty === 0) this.stop = this.target = Number.NaN;
    return true;
  }
}
