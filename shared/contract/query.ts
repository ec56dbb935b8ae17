import { z } from 'zod';

/**
 * A whole number that may arrive as a decimal string: REST callers send list options in the query
 * string. Only plain digit strings are converted, so `true`, `''` or `'1e3'` are still refused.
 */
export const queryInt = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' && /^-?\d{1,16}$/.test(v) ? Number(v) : v), z.number().int().min(min).max(max));
