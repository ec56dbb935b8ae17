import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { PriceLevel } from '../../../shared/domain/webhook.ts';
import { roundPriceToTick } from '../execution/precision.ts';

export interface Levels {
  stopLoss: number | null;
  takeProfit: number | null;
}

/** Levels an alert gave for the position its orders open, as given (a price or a percent from the entry). */
export interface EntryLevels {
  botId: string;
  symbol: string;
  /** The side of the position the levels are for: they are armed only when a fill leaves the position on it. */
  direction: 1 | -1;
  stopLoss: PriceLevel | null;
  takeProfit: PriceLevel | null;
}

/** The levels as prices, percent ones worked out from the position's entry price and put on the tick. */
export function levelPrices(entry: EntryLevels, avgPxOpen: number, instrument: Instrument | undefined): Levels {
  const level = (given: PriceLevel | null, towards: 1 | -1): number | null => {
    if (!given) return null;
    const px = given.price ?? avgPxOpen * (1 + (towards * entry.direction * (given.percent ?? 0)) / 100);
    return instrument ? roundPriceToTick(px, instrument) : px;
  };
  return { stopLoss: level(entry.stopLoss, -1), takeProfit: level(entry.takeProfit, 1) };
}
