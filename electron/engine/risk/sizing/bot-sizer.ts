import type { Bot } from '../../../../shared/domain/bot.ts';
import { DEFAULT_SIZING } from '../../../../shared/domain/bot-sizing.ts';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { fail, type Result } from '../../../../shared/errors.ts';
import { sizeEntry } from './size-entry.ts';

/** Where a bot's entry is sized: its symbol, the expected price, and the stop-loss price if it has one. */
export interface EntryToSize {
  symbol: string;
  px: number;
  stop: number | null;
}

/** A bot's entry in base, sized by its sizing settings; or the reason it cannot be sent. */
export type EntrySizer = (bot: Bot, entry: EntryToSize) => Promise<Result<number>>;

export interface SizerDeps {
  /** What the bot's account trades: its venue's instruments. */
  instruments: (accountId: string) => readonly Instrument[];
  /** The account's equity in its currency; null when it cannot be valued. */
  equity: (accountId: string) => Promise<number | null>;
  riskMultiplier: (accountId: string, symbol: string) => Promise<number>;
}

/** Reads what sizing needs (equity only for the percent modes) and sizes the entry with `sizeEntry`. */
export function botEntrySizer(deps: SizerDeps): EntrySizer {
  return async (bot, { symbol, px, stop }) => {
    const instrument = deps.instruments(bot.account).find((i) => i.symbol === symbol);
    if (!instrument) return fail('REFUSED', `${symbol} is not traded on account ${bot.account}, so the entry cannot be sized`);
    // A bot stored before sizing existed trades its order size, as it did.
    const sizing = bot.sizing ?? DEFAULT_SIZING;
    const equity = sizing.mode === 'percent_equity' || sizing.mode === 'risk' ? await deps.equity(bot.account) : null;
    const multiplier = await deps.riskMultiplier(bot.account, symbol);
    return sizeEntry({ mode: sizing.mode, amount: sizing.amount, orderQty: bot.orderQty, px, equity, stop, multiplier, instrument });
  };
}
