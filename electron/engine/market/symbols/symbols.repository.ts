import type { Kysely } from 'kysely';
import type { DiscoveryType, EnabledSymbol } from '../../../../shared/domain/symbol.ts';
import type { Database } from '../../persistence/database.ts';
import type { SymbolSetting } from './discover.ts';

/** One symbol to enable, with the market rules it has now; a multiplier, when given, replaces the kept one. */
export interface SymbolToEnable {
  symbol: string;
  base: string;
  quote: string;
  type: DiscoveryType;
  tickSize: number;
  stepSize: number;
  minNotional: number;
  minQty: number;
  riskMultiplier?: number;
}

const DEFAULT_MULTIPLIER = 1;
/** A row binds 12 parameters: far under SQLite's 32,766 per statement. */
const ROWS_PER_STATEMENT = 1_000;

export async function symbolSettings(db: Kysely<Database>, exchangeId: string): Promise<Map<string, SymbolSetting>> {
  const rows = await db.selectFrom('exchangeSymbols').select(['symbol', 'enabled', 'riskMultiplier']).where('exchangeId', '=', exchangeId).execute();
  return new Map(rows.map((r) => [r.symbol, { enabled: r.enabled === 1, riskMultiplier: r.riskMultiplier }]));
}

export async function listEnabled(db: Kysely<Database>, exchangeId: string): Promise<EnabledSymbol[]> {
  return db
    .selectFrom('exchangeSymbols')
    .select(['exchangeId', 'symbol', 'base', 'quote', 'type', 'tickSize', 'stepSize', 'minNotional', 'minQty', 'riskMultiplier', 'updatedAt'])
    .where('exchangeId', '=', exchangeId)
    .where('enabled', '=', 1)
    .orderBy('symbol')
    .execute();
}

/** Enables every symbol or none: one transaction. The market rules are refreshed; a kept multiplier stays unless one is given. */
export async function enableSymbols(db: Kysely<Database>, exchangeId: string, symbols: readonly SymbolToEnable[], now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < symbols.length; i += ROWS_PER_STATEMENT) {
      const rows = symbols.slice(i, i + ROWS_PER_STATEMENT).map(({ riskMultiplier, ...rules }) => ({
        exchangeId,
        ...rules,
        riskMultiplier: riskMultiplier ?? DEFAULT_MULTIPLIER,
        // Given multipliers are told apart in the conflict clause by this flag, not stored.
        enabled: 1 as const,
        updatedAt: now,
        keepMultiplier: riskMultiplier === undefined,
      }));
      for (const keep of [true, false]) {
        const group = rows.filter((r) => r.keepMultiplier === keep).map(({ keepMultiplier: _k, ...row }) => row);
        if (group.length === 0) continue;
        await trx
          .insertInto('exchangeSymbols')
          .values(group)
          .onConflict((oc) =>
            oc.columns(['exchangeId', 'symbol']).doUpdateSet((eb) => ({
              base: eb.ref('excluded.base'),
              quote: eb.ref('excluded.quote'),
              type: eb.ref('excluded.type'),
              tickSize: eb.ref('excluded.tickSize'),
              stepSize: eb.ref('excluded.stepSize'),
              minNotional: eb.ref('excluded.minNotional'),
              minQty: eb.ref('excluded.minQty'),
              enabled: 1,
              updatedAt: now,
              ...(keep ? {} : { riskMultiplier: eb.ref('excluded.riskMultiplier') }),
            })),
          )
          .execute();
      }
    }
  });
}

/** Disables the symbols that are enabled (one statement: all or none); returns how many changed. */
export async function disableSymbols(db: Kysely<Database>, exchangeId: string, symbols: readonly string[], now: number): Promise<number> {
  if (symbols.length === 0) return 0;
  const result = await db
    .updateTable('exchangeSymbols')
    .set({ enabled: 0, updatedAt: now })
    .where('exchangeId', '=', exchangeId)
    .where('symbol', 'in', symbols)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Returns false when the symbol was never enabled on this exchange. */
export async function updateRiskMultiplier(db: Kysely<Database>, exchangeId: string, symbol: string, riskMultiplier: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('exchangeSymbols')
    .set({ riskMultiplier, updatedAt: now })
    .where('exchangeId', '=', exchangeId)
    .where('symbol', '=', symbol)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
