import type { Kysely } from 'kysely';
import { insertBot } from '../../persistence/bots.repository.ts';
import type { Database } from '../../persistence/database.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { openReader } from '../../persistence/open-reader.ts';
import type { ExportSource } from './export-rows.ts';

export interface SeedTrade {
  botId: string;
  symbol: string;
  side?: 'LONG' | 'SHORT';
  qty: number;
  avgPxOpen: number;
  avgPxClose: number;
  realizedPnl: number;
  fees: number;
  openedAt: number;
  closedAt: number;
  accountId?: string;
  source?: 'strategy' | 'alert' | 'manual' | null;
  alertId?: number | null;
}

/** A database with bots and trades on disk, and the read-only source an export reads it through. */
export async function seededHistory(file: string, bots: { id: string; name: string; account?: string }[], trades: SeedTrade[]): Promise<{ db: Kysely<Database>; source: ExportSource; close(): Promise<void> }> {
  const { db } = await openDatabase(file);
  for (const bot of bots) {
    await insertBot(db, { id: bot.id, name: bot.name, symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 1, account: bot.account ?? 'paper', status: 'stopped', createdAt: 0, updatedAt: 0 });
  }
  for (let i = 0; i < trades.length; i += 500) {
    const values = trades.slice(i, i + 500).map((t) => ({ side: 'LONG', accountId: 'paper', source: 'strategy' as const, alertId: null, entryOrderId: null, exitOrderId: null, ...t }));
    await db.insertInto('trades').values(values).execute();
  }
  const reader = openReader(file);
  return {
    db,
    source: { qb: reader.reads, sqlite: reader.sqlite },
    close: async () => {
      await reader.close();
      await db.destroy();
    },
  };
}
