import type { Kysely } from 'kysely';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import type { OrderManager } from '../../execution/order-manager.ts';
import { findBot } from '../../persistence/bots.repository.ts';
import type { Database } from '../../persistence/database.ts';
import type { Logger } from '../../ports/logger.ts';
import { type EntryLevels, type Levels, levelPrices } from '../entry-levels.ts';
import { armPlan, type ExitPlan } from './exit-plan.ts';

/** What arming needs of Protections: read lazily, so the host's own fields are in place when it runs. */
export interface ArmHost {
  db(): Kysely<Database>;
  orders(): OrderManager;
  logger(): Logger;
  atr(botId: string): number | null;
  feeRate(): number;
  instrument(symbol: string): Instrument | undefined;
  state(botId: string, symbol: string): (Levels & { side: -1 | 0 | 1; plan: ExitPlan | null }) | undefined;
  set(botId: string, symbol: string, levels: Levels, plan?: ExitPlan | null): Promise<void>;
}

const sideOf = (qty: number): -1 | 0 | 1 => (qty > 0 ? 1 : qty < 0 ? -1 : 0);

/**
 * Sets a position's levels once it is on the side they are for; before that, nothing. Levels an
 * alert or strategy gave (`entry`) are set at once; the bot's own exits are then worked out once
 * per position, from its entry price, and fill in what was not given.
 */
export async function armPosition(host: ArmHost, at: { botId: string; symbol: string; direction: 1 | -1 }, entry: EntryLevels | null): Promise<void> {
  const { botId, symbol, direction } = at;
  const instrument = host.instrument(symbol);
  const position = host.orders().position(botId, symbol);
  if (sideOf(position.netQty) !== direction) return;
  if (entry) {
    const given = levelPrices(entry, position.avgPxOpen, instrument);
    const current = host.state(botId, symbol);
    const same = current?.side === direction ? current : undefined;
    // A level the alert did not give stays as it was on this same position (levels of another one were dropped).
    await host.set(botId, symbol, { stopLoss: given.stopLoss ?? same?.stopLoss ?? null, takeProfit: given.takeProfit ?? same?.takeProfit ?? null });
  }
  // The bot's exits are worked out once per position; again only for levels given with its entry
  // (the fill may have armed them first), so R multiples measure from the given stop, while no take-profit has acted.
  const armed = (): boolean => {
    const plan = host.state(botId, symbol)?.plan;
    return plan != null && (entry === null || plan.closingTarget !== null || plan.targets.some((t) => t.filled));
  };
  if (armed()) return;
  const exits = (await findBot(host.db(), botId))?.exits ?? null;
  const now = host.orders().position(botId, symbol);
  // Looked at again after the read: the position may have closed, or another fill armed it meanwhile.
  if (!exits || sideOf(now.netQty) !== direction || armed()) return;
  const current = host.state(botId, symbol);
  const same = current?.side === direction ? current : undefined;
  const { plan, stopLoss } = armPlan(exits, { entryPx: now.avgPxOpen, direction, atr: host.atr(botId), instrument, feeRate: host.feeRate(), stopOverride: same?.stopLoss ?? null });
  if (plan.note) host.logger().warn('Exits not fully armed', { botId, symbol, note: plan.note });
  await host.set(botId, symbol, { stopLoss, takeProfit: same?.takeProfit ?? null }, plan);
}
