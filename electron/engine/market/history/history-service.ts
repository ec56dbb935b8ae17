import { extname } from 'node:path';
import type { HistorySeriesKey } from '../../../../shared/contract/history.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { deleteSeries, listSeries, type StoredSeries } from '../../persistence/candles.repository.ts';
import type { Logger } from '../../ports/logger.ts';
import type { BackfillService } from './backfill-service.ts';
import { importCandleCsvFile, type CandleStore, type CsvImportResult } from './import-csv-file.ts';
import { seedSampleHistory } from './sample-history.ts';

/**
 * Only these are read: a path the trader mistyped (a key file, a wallet) would otherwise be
 * parsed, and its first lines quoted back in the refusal.
 */
const READABLE = new Set(['.csv', '.txt', '.tsv']);

/** Stored market history: the series, CSV imports, exchange backfills and the sample at first start. */
export class HistoryService {
  readonly backfills: BackfillService;
  readonly #store: CandleStore;
  readonly #logger: Logger;
  #seeding: Promise<void> = Promise.resolve();

  constructor(deps: { store: CandleStore; backfills: BackfillService; logger: Logger }) {
    this.#store = deps.store;
    this.backfills = deps.backfills;
    this.#logger = deps.logger;
  }

  series(): Promise<StoredSeries[]> {
    return listSeries(this.#store.db);
  }

  async importCsv(request: HistorySeriesKey & { path: string }): Promise<Result<CsvImportResult>> {
    const { path, ...series } = request;
    if (!READABLE.has(extname(path).toLowerCase())) {
      return fail('INVALID_INPUT', `Only .csv, .tsv and .txt files are imported; ${path} is not one`, [{ path: ['path'], message: 'Pick a .csv, .tsv or .txt file' }]);
    }
    return importCandleCsvFile(this.#store, path, series);
  }

  async delete(key: HistorySeriesKey): Promise<Result<{ deleted: number }>> {
    const running = this.backfills.list().find((p) => ['running', 'waiting'].includes(p.state) && p.series.venue === key.venue && p.series.symbol === key.symbol && p.series.timeframe === key.timeframe);
    if (running) return fail('CONFLICT', `A backfill of ${key.symbol} ${key.timeframe} from ${key.venue} is running; cancel it first`);
    const deleted = await deleteSeries(this.#store.db, key);
    return deleted > 0 ? ok({ deleted }) : fail('NOT_FOUND', `No stored ${key.timeframe} bars of ${key.symbol} from ${key.venue}`);
  }

  /** In the background: the engine serves at once while the sample is written, chunk by chunk. */
  seedSamples(dir: string, freeBytes: () => number | null): void {
    this.#seeding = seedSampleHistory(this.#store, dir, freeBytes).then(
      (result) => {
        if (!result.ok) this.#logger.warn('The sample market history was not stored', { reason: result.error.message });
        else if (result.value.seeded) this.#logger.info('Sample market history stored', { dir });
      },
      (error: unknown) => this.#logger.error('The sample market history could not be stored', { error }),
    );
  }

  async stop(): Promise<void> {
    await this.backfills.stop();
    await this.#seeding;
  }
}
