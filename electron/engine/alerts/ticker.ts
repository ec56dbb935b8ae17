import type { Instrument } from '../../../shared/domain/instrument.ts';

/**
 * Maps what TradingView sends ({{ticker}} renders BTCUSDT, BINANCE:BTCUSDT with the exchange
 * prefix, BTCUSDT.P for a perpetual) and plain symbols (BTC/USDT, BTC-USDT) to our instrument.
 */
export function resolveSymbol(ticker: string, instruments: readonly Instrument[]): string | null {
  const compact = ticker
    .toUpperCase()
    .replace(/^[A-Z0-9_]+:/, '')
    .replace(/\.P$/, '')
    .replace(/[/\-_]/g, '');
  return instruments.find((i) => `${i.base}${i.quote}`.toUpperCase() === compact)?.symbol ?? null;
}
