import { z } from 'zod';
import { MAX_SYMBOL_LENGTH } from './limits.ts';

export const SymbolSchema = z.string().min(1).max(MAX_SYMBOL_LENGTH);

export const InstrumentSchema = z.object({
  venue: z.string(),
  symbol: SymbolSchema,
  base: z.string(),
  quote: z.string(),
  /** Smallest price increment; every price is rounded to it. */
  tickSize: z.number().positive(),
  /** Smallest quantity increment; every quantity is rounded down to it. */
  stepSize: z.number().positive(),
  /** Smallest order value in quote currency the venue accepts. */
  minNotional: z.number().nonnegative(),
});
export type Instrument = z.infer<typeof InstrumentSchema>;

export const TIMEFRAMES = ['1m'] as const;
export const TimeframeSchema = z.enum(TIMEFRAMES);
export type Timeframe = z.infer<typeof TimeframeSchema>;
