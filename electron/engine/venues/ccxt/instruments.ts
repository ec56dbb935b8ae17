import type { Exchange, Market } from 'ccxt';
import type { Instrument } from '../../../../shared/domain/instrument.ts';

// ccxt's precision modes (ccxt/js/src/base/functions/number.js).
const DECIMAL_PLACES = 2;
const SIGNIFICANT_DIGITS = 3;

/** A precision as an increment: ccxt gives a tick size, or a count of decimals on some exchanges. */
export function increment(precision: number | undefined, mode: number): number | null {
  if (precision === undefined || !Number.isFinite(precision) || mode === SIGNIFICANT_DIGITS) return null;
  if (mode === DECIMAL_PLACES) return precision >= 0 ? 10 ** -precision : null;
  return precision > 0 ? precision : null;
}

function toInstrument(venue: string, market: NonNullable<Market>, mode: number): Instrument | null {
  const tickSize = increment(market.precision.price, mode);
  const stepSize = increment(market.precision.amount, mode);
  if (!market.symbol || tickSize === null || stepSize === null || market.active === false) return null;
  return { venue, symbol: market.symbol, base: market.base, quote: market.quote, tickSize, stepSize, minNotional: market.limits.cost?.min ?? 0 };
}

/** The tradable markets of a loaded exchange as instruments; markets without a usable precision are left out. */
export function instrumentsOf(venue: string, exchange: Exchange): Instrument[] {
  return Object.values(exchange.markets ?? {}).flatMap((market) => {
    const instrument = market ? toInstrument(venue, market, Number(exchange.precisionMode)) : null;
    return instrument ? [instrument] : [];
  });
}
