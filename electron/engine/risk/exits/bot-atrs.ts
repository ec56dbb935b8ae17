import type { Bot } from '../../../../shared/domain/bot.ts';
import type { Candle, CandleUpdate } from '../../../../shared/domain/candle.ts';
import { Atr } from '../../indicators/atr.ts';

interface Tracked {
  symbol: string;
  atr: Atr;
  value: number | null;
}

/**
 * The ATR of each bot with exits given as ATR multiples, on the bot's own closed bars: warmed on
 * its history when the bot starts and kept current bar by bar, so a position opened at any moment
 * has its distances at hand.
 */
export class BotAtrs {
  readonly #byBot = new Map<string, Tracked>();

  /** Starts (or restarts) tracking `bot`; a bot whose exits use no ATR is not tracked. */
  warm(bot: Bot, history: readonly Candle[]): void {
    this.#byBot.delete(bot.id);
    if (!usesAtr(bot)) return;
    const tracked: Tracked = { symbol: bot.symbol, atr: new Atr(bot.exits?.atrPeriod ?? 14), value: null };
    for (const candle of history) tracked.value = tracked.atr.update(candle.high, candle.low, candle.close) ?? tracked.value;
    this.#byBot.set(bot.id, tracked);
  }

  drop(botId: string): void {
    this.#byBot.delete(botId);
  }

  onCandle(update: CandleUpdate): void {
    if (!update.closed) return;
    const { high, low, close } = update.candle;
    for (const tracked of this.#byBot.values()) {
      if (tracked.symbol === update.symbol) tracked.value = tracked.atr.update(high, low, close) ?? tracked.value;
    }
  }

  readonly value = (botId: string): number | null => this.#byBot.get(botId)?.value ?? null;
}

function usesAtr(bot: Bot): boolean {
  const exits = bot.exits;
  if (!exits) return false;
  return exits.stopLoss?.unit === 'atr' || exits.trailing?.distance.unit === 'atr' || exits.takeProfits.some((step) => step.at.unit === 'atr');
}
