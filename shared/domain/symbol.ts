import { z } from 'zod';
import { SymbolSchema } from './instrument.ts';

/** A ccxt exchange id (`binance`, `okx`, `binanceusdm`): lower-case letters and digits. */
export const ExchangeIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'An exchange id is lower-case letters and digits, as ccxt names it (binance, okx)');

/** What discovery offers: spot markets and perpetual swaps (dated futures and options are left out). */
export const DISCOVERY_TYPES = ['spot', 'swap'] as const;
export const DiscoveryTypeSchema = z.enum(DISCOVERY_TYPES);
export type DiscoveryType = z.infer<typeof DiscoveryTypeSchema>;

/** Scales a bot's position size on this symbol: 0.5 trades half, 2 twice the size. */
export const RiskMultiplierSchema = z
  .number({ error: 'The risk multiplier must be a number' })
  .gt(0, 'The risk multiplier must be above 0')
  .max(10, 'The risk multiplier is at most 10');

const finiteNonNegative = z.number().finite().nonnegative();

export const SymbolFiltersSchema = z.object({
  /** Quote currency, e.g. USDT; empty for all. */
  quote: z.string().trim().toUpperCase().max(16).regex(/^[A-Z0-9]*$/, 'A quote currency is letters and digits (USDT)').optional(),
  types: z.array(DiscoveryTypeSchema).min(1, 'Pick at least one market type').max(DISCOVERY_TYPES.length).default(['spot']),
  /** Smallest traded value over 24 h, in the quote currency. */
  minQuoteVolume24h: finiteNonNegative.max(1e15, 'At most 1e15').default(0),
  activeOnly: z.boolean().default(true),
  /** Part of the symbol, case-insensitive (`btc` finds BTC/USDT). */
  search: z.string().trim().max(32).optional(),
});
export type SymbolFilters = z.infer<typeof SymbolFiltersSchema>;

export const SymbolSortSchema = z.object({
  by: z.enum(['volume', 'symbol']).default('volume'),
  direction: z.enum(['asc', 'desc']).default('desc'),
});
export type SymbolSort = z.infer<typeof SymbolSortSchema>;

/** One market as discovery shows it: the exchange's rules, its 24 h activity, and whether we trade it. */
export const DiscoveredMarketSchema = z.object({
  symbol: SymbolSchema,
  base: z.string(),
  quote: z.string(),
  type: z.enum(['spot', 'swap', 'future', 'option']),
  active: z.boolean(),
  tickSize: z.number(),
  stepSize: z.number(),
  minNotional: z.number(),
  minQty: z.number(),
  last: z.number().nullable(),
  /** Traded value over 24 h in the quote currency; null when the exchange does not say. */
  quoteVolume24h: z.number().nullable(),
  enabled: z.boolean(),
  /** Kept when a symbol is disabled, so enabling it again restores it; null if never enabled. */
  riskMultiplier: z.number().nullable(),
});
export type DiscoveredMarket = z.infer<typeof DiscoveredMarketSchema>;

/** A symbol enabled for trading on an exchange, with the market rules it had when last enabled. */
export const EnabledSymbolSchema = z.object({
  exchangeId: z.string(),
  symbol: SymbolSchema,
  base: z.string(),
  quote: z.string(),
  type: DiscoveryTypeSchema,
  tickSize: z.number(),
  stepSize: z.number(),
  minNotional: z.number(),
  minQty: z.number(),
  riskMultiplier: z.number(),
  updatedAt: z.number(),
});
export type EnabledSymbol = z.infer<typeof EnabledSymbolSchema>;
