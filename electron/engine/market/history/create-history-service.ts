import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ExchangeAccountService } from '../../accounts/exchange-accounts.service.ts';
import type { Database } from '../../persistence/database.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { PublicDataSource } from '../symbols/symbol-service.ts';
import { BackfillService } from './backfill-service.ts';
import { freeBytes } from '../../persistence/out-of-space.ts';
import { HistoryService } from './history-service.ts';

/** The engine's wiring of market history, kept here so index.ts holds one line of it. */
export function createHistoryService(deps: {
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
  publicData: PublicDataSource;
  exchangeAccounts: Pick<ExchangeAccountService, 'config'>;
  clock: Clock;
  logger: Logger;
  sampleHistoryDir: string | undefined;
  dataDir: string;
}): HistoryService {
  const store = { db: deps.db, sqlite: deps.sqlite };
  const backfills = new BackfillService({ store, source: deps.publicData, accountConfig: (accountId) => deps.exchangeAccounts.config(accountId), clock: deps.clock, logger: deps.logger });
  const history = new HistoryService({ store, backfills, logger: deps.logger });
  if (deps.sampleHistoryDir) history.seedSamples(deps.sampleHistoryDir, () => freeBytes(deps.dataDir));
  return history;
}
