import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { ExchangeMarket } from '../../venues/exchange.ts';

const positiveFinite = (value: number) => Number.isFinite(value) && value > 0;

/**
 * The instrument a venue trades for an exchange's market: its price and quantity increments and its
 * minimum order value, so a paper account following that exchange refuses what the exchange would.
 * The minimum notional is raised to what the minimum quantity costs at `price` when one is given
 * (our Instrument has no minimum quantity of its own). A market without usable increments is refused:
 * rounding to a tick of 0 or NaN would let any price through.
 */
export function instrumentOf(venue: string, market: ExchangeMarket, price?: number): Result<Instrument> {
  const where = `${market.symbol} on ${venue}`;
  if (!positiveFinite(market.tickSize)) return fail('REFUSED', `${where} has no usable price increment (tick size ${market.tickSize})`);
  if (!positiveFinite(market.stepSize)) return fail('REFUSED', `${where} has no usable quantity increment (step size ${market.stepSize})`);
  const minNotional = Number.isFinite(market.minNotional) && market.minNotional > 0 ? market.minNotional : 0;
  const minQty = Number.isFinite(market.minQty) && market.minQty > 0 ? market.minQty : 0;
  const minQtyValue = price !== undefined && positiveFinite(price) ? minQty * price : 0;
  return ok({
    venue,
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    tickSize: market.tickSize,
    stepSize: market.stepSize,
    minNotional: Math.max(minNotional, minQtyValue),
  });
}
