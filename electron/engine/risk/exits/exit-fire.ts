import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { floorToHeld } from '../../execution/precision.ts';
import { orderSizeProblem } from '../order-size.ts';
import { type ExitPlan, reachedTarget, targetQty } from './exit-plan.ts';

interface Levels {
  stopLoss: number | null;
  takeProfit: number | null;
  plan: ExitPlan | null;
}

/**
 * Which level the price reached, worded for the trader, and the take-profit of the ladder it is
 * (null: a level that closes the whole position). The stop-loss is looked at first: on a price
 * that is past both, the position is closed, not trimmed.
 */
export function reached(state: Levels, held: number, px: number): { words: string; target: number | null } | null {
  const long = held > 0;
  if (state.stopLoss !== null && (long ? px <= state.stopLoss : px >= state.stopLoss)) return { words: `stop-loss at ${state.stopLoss}`, target: null };
  if (state.takeProfit !== null && (long ? px >= state.takeProfit : px <= state.takeProfit)) return { words: `take-profit at ${state.takeProfit}`, target: null };
  const index = state.plan ? reachedTarget(state.plan, long ? 1 : -1, px) : null;
  if (index === null || !state.plan) return null;
  const target = state.plan.targets[index];
  return target ? { words: `take-profit ${index + 1} at ${target.price} (${target.percent} % of the position)`, target: index } : null;
}

/**
 * The quantity a close sends: all that no other close takes (`free`) for a full close; for a
 * take-profit its share, rounded down to the step and never above `free`. A share that would
 * leave less than the venue's minimum order behind closes it all: dust could never be sold.
 */
export function sizeClose(plan: ExitPlan | null, target: number | null, held: number, free: number, px: number, instrument: Instrument | undefined): number {
  if (target === null || !plan || free <= 0) return Math.max(free, 0);
  const share = targetQty(plan, target, held);
  const part = instrument ? floorToHeld(share, free, instrument.stepSize) : Math.min(share, free);
  // Under one step: returned as it is, so the order-size check says why it cannot be sent.
  if (part <= 0) return share;
  if (part >= free) return free;
  const rest = Math.abs(held) - part;
  if (instrument && orderSizeProblem(rest, px, instrument) !== null) return free;
  return part;
}
