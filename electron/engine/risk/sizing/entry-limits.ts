import type { Kysely } from 'kysely';
import type { Bot } from '../../../../shared/domain/bot.ts';
import type { Timeframe } from '../../../../shared/domain/instrument.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import { findBot } from '../../persistence/bots.repository.ts';
import type { Database } from '../../persistence/database.ts';
import type { EntryCheck } from '../entry-checks.ts';
import { botEntryState, type BotEntryState } from './bot-entry-state.ts';

/** A bot's own limits on its entries; a limit left out does not apply. */
export interface EntryLimits {
  maxEntries: number;
  /** How long no entry follows an exit, and how the trader set it (`15 minutes`, `2 1m bars`). */
  cooldown?: { ms: number; text: string };
  maxOpenPositions?: number;
}

const TIMEFRAME_MS: Record<Timeframe, number> = { '1m': 60_000 };

/**
 * The limits a bot's entries pass. A bot stored before sizing existed has none, except a
 * TradingView bot's max entries; a TradingView bot always counts entries by its strategy's setting
 * (the one its form shows).
 */
export function entryLimitsOf(bot: Bot): EntryLimits | null {
  const strategyEntries = bot.strategy.kind === 'tradingview' ? bot.strategy.maxEntries : undefined;
  const { sizing } = bot;
  if (!sizing) return strategyEntries === undefined ? null : { maxEntries: strategyEntries };
  const unitMs = sizing.cooldownUnit === 'bars' ? TIMEFRAME_MS[bot.timeframe] : 60_000;
  const unit = sizing.cooldownUnit === 'bars' ? `${bot.timeframe} bar` : 'minute';
  return {
    maxEntries: strategyEntries ?? sizing.maxEntries,
    maxOpenPositions: sizing.maxOpenPositions,
    ...(sizing.cooldown > 0 ? { cooldown: { ms: sizing.cooldown * unitMs, text: `${sizing.cooldown} ${unit}${sizing.cooldown === 1 ? '' : 's'}` } } : {}),
  };
}

/** `14:05 UTC` on the same UTC day as `now`, `2026-11-26 14:05 UTC` otherwise; seconds only when there are some. */
export function utcTime(ts: number, now: number): string {
  const iso = new Date(ts).toISOString();
  const time = iso.slice(11, 19).replace(/:00$/, '');
  return iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10) ? `${time} UTC` : `${iso.slice(0, 10)} ${time} UTC`;
}

/** Why the limits refuse the entry, without the bot's name; null when they let it go. */
export function limitsRefusal(limits: EntryLimits, order: Order, state: BotEntryState): string | null {
  const { held } = state;
  // An order against the position no bigger than it only reduces it: exits are never held back.
  const against = held !== 0 && (held > 0) !== (order.side === 'BUY');
  if (against && order.qty <= Math.abs(held)) return null;
  const now = order.tsInit;
  const { cooldown } = limits;
  if (cooldown && state.lastExitAt !== null && now < state.lastExitAt + cooldown.ms) {
    return `cooldown after exit until ${utcTime(state.lastExitAt + cooldown.ms, now)} (the ${order.symbol} position closed at ${utcTime(state.lastExitAt, now)}; cooldown ${cooldown.text})`;
  }
  const entries = state.tripEntries + state.waitingEntries;
  if (entries + 1 > limits.maxEntries) {
    const waiting = state.waitingEntries > 0 ? ` (${state.waitingEntries} still waiting at the venue)` : '';
    return `the ${order.symbol} position already has ${entries} of ${limits.maxEntries} allowed ${limits.maxEntries === 1 ? 'entry' : 'entries'}${waiting}`;
  }
  const others = state.otherOpenSymbols;
  if (limits.maxOpenPositions !== undefined && held === 0 && state.waitingEntries === 0 && others.length + 1 > limits.maxOpenPositions) {
    return `already ${others.length} open ${others.length === 1 ? 'position' : 'positions'} (${others.join(', ')}) of ${limits.maxOpenPositions} allowed; no new one in ${order.symbol}`;
  }
  return null;
}

/**
 * The entry rule of every bot's own limits: max entries when pyramiding, cooldown after an exit,
 * max open positions. Registered with the engine's EntryChecks, so it runs inside each entry's
 * write-ahead transaction and counts every order and fill committed before it.
 */
export const botEntryLimits: EntryCheck = async (trx: Kysely<Database>, order: Order) => {
  const bot = await findBot(trx, order.botId);
  const limits = bot && entryLimitsOf(bot);
  if (!bot || !limits) return null;
  const refusal = limitsRefusal(limits, order, await botEntryState(trx, order));
  return refusal && `Bot '${bot.name}': ${refusal}`;
};
