import type { BotExits, ExitDistance, PositionExits, TargetDistance } from '../../../../shared/domain/bot-exits.ts';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { roundPriceToTick } from '../../execution/precision.ts';

/** One take-profit of the ladder, as a price; `percent` of the position held when the ladder was armed. */
export interface ExitTarget {
  price: number;
  percent: number;
  filled: boolean;
}

/**
 * A bot's exits worked out for one position, stored with its protection row so a restart
 * resumes them exactly: which take-profits have filled, where the trailing stop's mark stands.
 */
export interface ExitPlan {
  entryPx: number;
  targets: ExitTarget[];
  /** `percent`: the stop trails that far below (above, short) the mark; `offset`: a fixed price distance (an ATR multiple). */
  trailing: { percent: number | null; offset: number | null; activatePx: number | null; mark: number | null } | null;
  breakEven: { price: number; afterTp1: boolean; triggerPx: number | null; moved: boolean } | null;
  /** The take-profit the close in flight is for (null: a full close, or none in flight). */
  closingTarget: number | null;
  /** A level that could not be worked out (no ATR yet), said on the position. */
  note: string | null;
}

export interface ArmInput {
  entryPx: number;
  direction: 1 | -1;
  /** The ATR of the bot's timeframe when the position opened, or null while it warms up. */
  atr: number | null;
  instrument: Instrument | undefined;
  /** Taker fee rate; break-even sits beyond the entry by the fees of the round trip. */
  feeRate: number;
  /** A stop-loss price the alert or strategy gave: it wins over the bot's distance. */
  stopOverride: number | null;
}

/** The bot's exits as prices for a position opened at `entryPx`, and the initial stop-loss. */
export function armPlan(exits: BotExits, input: ArmInput): { plan: ExitPlan; stopLoss: number | null } {
  const { entryPx, direction, atr, instrument } = input;
  const missing: string[] = [];
  /** Levels a short's distance puts at or below a price of 0: never reached, so said rather than kept. */
  const belowZero: string[] = [];
  const distance = (d: ExitDistance | TargetDistance, r: number | null, what: string): number | null => {
    if (d.unit === 'percent') return (entryPx * d.value) / 100;
    if (d.unit === 'r') return r === null ? null : d.value * r;
    // An ATR of 0 (bars without range) would put the level on the entry itself: as good as none.
    if (atr === null || !(atr > 0)) missing.push(what);
    return atr === null || !(atr > 0) ? null : d.value * atr;
  };
  const price = (dist: number | null, towards: 1 | -1, what: string): number | null => {
    if (dist === null) return null;
    const px = entryPx + towards * direction * dist;
    if (!(Number.isFinite(px) && px > 0)) {
      belowZero.push(what);
      return null;
    }
    if (!instrument) return px;
    const rounded = roundPriceToTick(px, instrument);
    // A distance under half a tick would round onto the entry and fire on the first tick: one tick away instead.
    return rounded === roundPriceToTick(entryPx, instrument) && dist > 0 ? roundPriceToTick(rounded + towards * direction * instrument.tickSize, instrument) : rounded;
  };
  const stopLoss = input.stopOverride ?? (exits.stopLoss ? price(distance(exits.stopLoss, null, 'stop-loss'), -1, 'stop-loss') : null);
  const r = stopLoss === null ? null : Math.abs(entryPx - stopLoss);
  const targets: ExitTarget[] = [];
  exits.takeProfits.forEach((step, i) => {
    const px = price(distance(step.at, r, `take-profit ${i + 1}`), 1, `take-profit ${i + 1}`);
    if (px !== null) targets.push({ price: px, percent: step.percent, filled: false });
  });
  const trail = exits.trailing;
  const trailOffset = trail?.distance.unit === 'atr' ? distance(trail.distance, null, 'trailing stop') : null;
  const activatePx = trail?.activateAfterPercent == null ? null : price((entryPx * trail.activateAfterPercent) / 100, 1, 'trailing stop');
  // An activation price that cannot be (below 0) must not read as "trail at once".
  const activates = trail?.activateAfterPercent == null || activatePx !== null;
  const trailing = trail && activates && (trail.distance.unit === 'percent' || trailOffset !== null)
    ? { percent: trail.distance.unit === 'percent' ? trail.distance.value : null, offset: trailOffset, activatePx, mark: null }
    : null;
  const be = exits.breakEven;
  const breakEven = be
    ? { price: price(entryPx * 2 * input.feeRate, 1, 'break-even') ?? entryPx, afterTp1: be.after === 'tp1', triggerPx: be.after === 'profit' && be.percent !== null ? price((entryPx * be.percent) / 100, 1, 'break-even') : null, moved: false }
    : null;
  const notes = [
    missing.length === 0 ? null : `No ATR yet (it needs ${exits.atrPeriod + 1} closed bars with a range): the ${listed(missing)} not set`,
    belowZero.length === 0 ? null : `From the entry at ${entryPx}, the ${listed(belowZero)} at or below a price of 0: not set`,
  ].filter((n) => n !== null);
  const note = notes.length === 0 ? null : notes.join('; ');
  return { plan: { entryPx, targets, trailing, breakEven, closingTarget: null, note }, stopLoss };
}

/**
 * Moves the trailing mark and the break-even on a new price, and returns the stop-loss they give:
 * never looser than `stopLoss` (a long's stop only rises, a short's only falls).
 */
export function advance(plan: ExitPlan, stopLoss: number | null, direction: 1 | -1, px: number, instrument: Instrument | undefined): number | null {
  // A price that is no price (NaN, 0, Infinity from a broken feed) must not become the trailing mark.
  if (!(Number.isFinite(px) && px > 0)) return stopLoss;
  const beyond = (a: number, b: number) => (direction === 1 ? a >= b : a <= b);
  let stop = stopLoss;
  const tighten = (candidate: number) => {
    const rounded = instrument ? roundPriceToTick(candidate, instrument) : candidate;
    if (stop === null || beyond(rounded, stop)) stop = rounded;
  };
  const { trailing, breakEven } = plan;
  if (trailing) {
    if (trailing.mark === null ? trailing.activatePx === null || beyond(px, trailing.activatePx) : beyond(px, trailing.mark)) trailing.mark = px;
    if (trailing.mark !== null) {
      const offset = trailing.offset ?? (trailing.mark * (trailing.percent ?? 0)) / 100;
      const trailPx = trailing.mark - direction * offset;
      if (trailPx > 0) tighten(trailPx);
    }
  }
  if (breakEven && !breakEven.moved) {
    const tp1Filled = plan.targets[0]?.filled === true;
    breakEven.moved = breakEven.afterTp1 ? tp1Filled : breakEven.triggerPx !== null && beyond(px, breakEven.triggerPx);
  }
  if (breakEven?.moved) tighten(breakEven.price);
  return stop;
}

/** The first take-profit not filled yet that `px` has reached, or null. */
export function reachedTarget(plan: ExitPlan, direction: 1 | -1, px: number): number | null {
  const index = plan.targets.findIndex((t) => !t.filled && (direction === 1 ? px >= t.price : px <= t.price));
  return index === -1 ? null : index;
}

/**
 * What take-profit `index` closes of the `held` quantity: its share of what the ladder has not
 * closed yet, so adds to the position and earlier partial fills scale it (the last of a ladder
 * summing to 100 % closes all).
 */
export function targetQty(plan: ExitPlan, index: number, held: number): number {
  const remaining = 100 - plan.targets.reduce((sum, t) => sum + (t.filled ? t.percent : 0), 0);
  const target = plan.targets[index];
  if (!target || remaining <= 0) return 0;
  return Math.min(Math.abs(held), (Math.abs(held) * target.percent) / remaining);
}

/** What the position row shows. */
export function shownExits(plan: ExitPlan): PositionExits {
  return {
    takeProfits: plan.targets.map(({ price, percent, filled }) => ({ price, percent, filled })),
    trailing: plan.trailing && { active: plan.trailing.mark !== null, mark: plan.trailing.mark },
    breakEven: plan.breakEven && { price: plan.breakEven.price, moved: plan.breakEven.moved },
    note: plan.note,
  };
}

const listed = (levels: readonly string[]): string => `${levels.join(', ')} ${levels.length === 1 ? 'is' : 'are'}`;

/**
 * Where the bot's own stop-loss would sit for an entry at `entryPx` (null: none, or an ATR not
 * warm yet): what risk-based sizing measures the risk to when the strategy or alert gave no stop.
 */
export function plannedStop(exits: BotExits | null | undefined, entryPx: number, direction: 1 | -1, atr: number | null): number | null {
  const stop = exits?.stopLoss;
  if (!stop) return null;
  const distance = stop.unit === 'percent' ? (entryPx * stop.value) / 100 : atr !== null && atr > 0 ? atr * stop.value : null;
  if (distance === null) return null;
  const px = entryPx - direction * distance;
  return px > 0 ? px : null;
}
