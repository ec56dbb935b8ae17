import type { Kysely } from 'kysely';
import type { Database } from '../../persistence/database.ts';

/**
 * The trader's risk multiplier for a symbol on an exchange (kept when the symbol is disabled, as
 * the symbols table does); 1 where none was set: a paper market of its own, an unknown symbol.
 */
export async function riskMultiplierOf(db: Kysely<Database>, exchangeId: string | null, symbol: string): Promise<number> {
  if (exchangeId === null) return 1;
  const row = await db.selectFrom('exchangeSymbols').select('riskMultiplier').where('exchangeId', '=', exchangeId).where('symbol', '=', symbol).executeTakeFirst();
  return row?.riskMultiplier ?? 1;
}
