import type { Instrument } from '../../../../shared/domain/instrument.ts';
import type { EnabledSymbol } from '../../../../shared/domain/symbol.ts';

/**
 * The instruments of a paper account following an exchange, from its enabled symbols' stored rules:
 * known at start without asking the exchange. The minimum order value is raised to what the minimum
 * quantity costs at the last price, when one is known (our Instrument has no minimum quantity).
 */
export function enabledInstruments(venue: string, symbols: readonly EnabledSymbol[], lastPrice: (symbol: string) => number | null = () => null): Instrument[] {
  return symbols.map((s) => {
    const price = lastPrice(s.symbol);
    const minQtyValue = price !== null && Number.isFinite(price) && price > 0 ? s.minQty * price : 0;
    return { venue, symbol: s.symbol, base: s.base, quote: s.quote, tickSize: s.tickSize, stepSize: s.stepSize, minNotional: Math.max(s.minNotional, minQtyValue) };
  });
}
