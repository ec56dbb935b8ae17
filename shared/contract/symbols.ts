import { oc } from '@orpc/contract';
import { z } from 'zod';
import { SymbolSchema } from '../domain/instrument.ts';
import { DiscoveredMarketSchema, EnabledSymbolSchema, ExchangeIdSchema, RiskMultiplierSchema, SymbolFiltersSchema, SymbolSortSchema } from '../domain/symbol.ts';
import { queryInt } from './query.ts';

/** Largest batch enabled or disabled at once (one transaction). */
export const MAX_SYMBOL_BATCH = 500;

const byExchange = z.object({ exchangeId: ExchangeIdSchema });
const batch = byExchange.extend({
  symbols: z
    .array(SymbolSchema)
    .min(1, 'Pick at least one symbol')
    .max(MAX_SYMBOL_BATCH, `At most ${MAX_SYMBOL_BATCH} symbols at once`)
    .refine((list) => new Set(list).size === list.length, 'Each symbol may appear once'),
});

export const symbolsContract = {
  exchanges: oc.route({ method: 'GET', path: '/symbols/exchanges' }).input(z.object({}).optional()).output(z.array(z.string())),
  discover: oc
    .route({ method: 'POST', path: '/symbols/discover' })
    .input(
      byExchange.extend({
        filters: SymbolFiltersSchema.default({ types: ['spot'], minQuoteVolume24h: 0, activeOnly: true }),
        sort: SymbolSortSchema.default({ by: 'volume', direction: 'desc' }),
        offset: queryInt(0, 1_000_000).default(0),
        limit: queryInt(1, 500).default(100),
      }),
    )
    .output(z.object({ total: z.number().int(), markets: z.array(DiscoveredMarketSchema), notice: z.string().nullable() })),
  list: oc.route({ method: 'GET', path: '/symbols/{exchangeId}' }).input(byExchange).output(z.array(EnabledSymbolSchema)),
  enable: oc
    .route({ method: 'POST', path: '/symbols/{exchangeId}/enable' })
    .input(batch.extend({ riskMultiplier: RiskMultiplierSchema.optional() }))
    .output(z.array(EnabledSymbolSchema)),
  disable: oc.route({ method: 'POST', path: '/symbols/{exchangeId}/disable' }).input(batch).output(z.array(EnabledSymbolSchema)),
  setRiskMultiplier: oc
    .route({ method: 'PUT', path: '/symbols/{exchangeId}/risk-multiplier' })
    .input(byExchange.extend({ symbol: SymbolSchema, riskMultiplier: RiskMultiplierSchema }))
    .output(z.array(EnabledSymbolSchema)),
};
