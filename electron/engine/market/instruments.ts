import type { Instrument } from '../../../shared/domain/instrument.ts';

/** The simulated market's instruments, with Binance-like spot rules so paper trading is honest. */
export const SIMULATED_INSTRUMENTS: readonly (Instrument & { startPx: number; annualVol: number })[] = [
  { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.00001, minNotional: 5, startPx: 65000, annualVol: 0.6 },
  { venue: 'paper', symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5, startPx: 3200, annualVol: 0.75 },
  { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5, startPx: 150, annualVol: 0.95 },
];
