import { randomUUID } from 'node:crypto';
import { delay } from '../../../../shared/delay.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { timeframeMs, type BackfillProgress, type BackfillRequest } from '../../../../shared/contract/history.ts';
import { latestCandle, type SeriesKey } from '../../persistence/candles.repository.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { ExchangeAccountConfig } from '../../venues/exchange.ts';
import type { PublicDataSource } from '../symbols/symbol-service.ts';
import { runBackfill, type BackfillStatus } from './backfill-job.ts';
import { writeCandles } from './candle-writer.ts';
import type { CandleStore } from './import-csv-file.ts';

export interface BackfillServiceDeps {
  store: CandleStore;
  source: PublicDataSource;
  accountConfig(accountId: string): Promise<Result<ExchangeAccountConfig>>;
  clock: Clock;
  logger: Logger;
}

interface Job {
  progress: BackfillProgress;
  abort: AbortController;
  listeners: Set<(progress: BackfillProgress) => void>;
  finished: Promise<void>;
}

/** Finished backfills listed after they end, newest kept. */
const KEPT_FINISHED = 20;
const ACTIVE = new Set<BackfillProgress['state']>(['running', 'waiting']);
/** Each backfill has its own client and rate limiter: more at once would only earn rate limits (HTTP 429). */
export const MAX_RUNNING_BACKFILLS = 3;

/** A testnet's bars are not the exchange's: they are kept apart from the real market's. */
export const backfillVenue = (config: Pick<ExchangeAccountConfig, 'exchangeId' | 'sandbox'>) => (config.sandbox ? `${config.exchangeId}-testnet` : config.exchangeId);

const sameSeries = (a: SeriesKey, b: SeriesKey) => a.venue === b.venue && a.symbol === b.symbol && a.timeframe === b.timeframe;

/** Backfills from exchanges' public data, one at a time per series, with progress and cancel. */
export class BackfillService {
  readonly #deps: BackfillServiceDeps;
  readonly #jobs = new Map<string, Job>();

  constructor(deps: BackfillServiceDeps) {
    this.#deps = deps;
  }

  async start(request: BackfillRequest): Promise<Result<BackfillProgress>> {
    const config = await this.#deps.accountConfig(request.accountId);
    if (!config.ok) return config;
    const series: SeriesKey = { venue: backfillVenue(config.value), symbol: request.symbol, timeframe: request.timeframe };
    const active = [...this.#jobs.values()].filter((job) => ACTIVE.has(job.progress.state));
    const running = active.find((job) => sameSeries(job.progress.series, series));
    if (running) return fail('CONFLICT', `A backfill of ${series.symbol} ${series.timeframe} from ${series.venue} is already running`, undefined, { id: running.progress.id });
    if (active.length >= MAX_RUNNING_BACKFILLS) return fail('CONFLICT', `${active.length} backfills are running, the most at once; wait for one to end or cancel one`);
    const id = `backfill-${randomUUID().slice(0, 8)}`;
    const progress: BackfillProgress = { id, series, state: 'running', from: request.from, to: request.to ?? this.#deps.clock.now(), reachedTs: null, fetched: 0, inserted: 0, fraction: 0, message: null };
    const job: Job = { progress, abort: new AbortController(), listeners: new Set(), finished: Promise.resolve() };
    this.#jobs.set(id, job);
    job.finished = this.#run(job, config.value, request);
    this.#forgetOldFinished();
    return ok({ ...progress });
  }

  list(): BackfillProgress[] {
    return [...this.#jobs.values()].map((job) => ({ ...job.progress }));
  }

  get(id: string): Result<BackfillProgress> {
    const job = this.#jobs.get(id);
    return job ? ok({ ...job.progress }) : fail('NOT_FOUND', `No backfill ${id}; it may have ended before the last restart`);
  }

  /** Stops a backfill after the page in flight; the bars stored so far stay. Cancelling one that ended changes nothing. */
  async cancel(id: string): Promise<Result<BackfillProgress>> {
    const job = this.#jobs.get(id);
    if (!job) return this.get(id);
    job.abort.abort();
    await job.finished;
    return ok({ ...job.progress });
  }

  /** Hears every change of one backfill; returns the unsubscribe. */
  subscribe(id: string, listener: (progress: BackfillProgress) => void): () => void {
    const job = this.#jobs.get(id);
    job?.listeners.add(listener);
    return () => job?.listeners.delete(listener);
  }

  /** At engine stop: every backfill cancelled and settled (they resume from the store at the next start). */
  async stop(): Promise<void> {
    for (const job of this.#jobs.values()) job.abort.abort();
    await Promise.all([...this.#jobs.values()].map((job) => job.finished));
  }

  async #run(job: Job, config: ExchangeAccountConfig, request: BackfillRequest): Promise<void> {
    const { store, source, clock, logger } = this.#deps;
    const series = job.progress.series;
    const data = source.open(config.exchangeId, { sandbox: config.sandbox, options: config.options });
    const publish = (status: BackfillStatus) => {
      job.progress = { ...job.progress, ...status };
      for (const listener of job.listeners) listener({ ...job.progress });
    };
    try {
      await runBackfill(
        {
          data,
          write: (candles) => writeCandles(store.sqlite, series, candles),
          newestStored: async () => (await latestCandle(store.db, series))?.ts,
          now: () => clock.now(),
          sleep: delay,
        },
        { symbol: request.symbol, timeframe: request.timeframe, timeframeMs: timeframeMs(request.timeframe), from: request.from, ...(request.to === undefined ? {} : { to: request.to }) },
        job.abort.signal,
        publish,
      );
    } catch (error) {
      logger.error('A history backfill failed', { id: job.progress.id, error });
      publish({ ...job.progress, state: 'failed', message: `Stopped by an error in the engine; the bars fetched before are kept (details in the log under ${job.progress.id})` });
    } finally {
      await data.close();
    }
  }

  #forgetOldFinished(): void {
    const finished = [...this.#jobs.values()].filter((job) => !ACTIVE.has(job.progress.state));
    for (const job of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED))) this.#jobs.delete(job.progress.id);
  }
}
