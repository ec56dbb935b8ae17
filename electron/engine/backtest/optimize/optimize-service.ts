import type { Kysely } from 'kysely';
import type { OptimizeEvent, OptimizeInputSchema, OptimizeResult } from '../../../../shared/contract/optimize.ts';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { z } from 'zod';
import type { Database } from '../../persistence/database.ts';
import { planSearch, runSearch, type SearchPlan } from './optimize.ts';
import { progressStream } from './progress-stream.ts';
import { loadSeries } from './series.ts';
import type { PoolOptions } from './worker-pool.ts';

type OptimizeInput = z.output<typeof OptimizeInputSchema>;

/** Parameter searches over the candle store, on worker threads so the engine keeps serving meanwhile. */
export class OptimizeService {
  readonly #db: Kysely<Database>;
  readonly #instruments: () => readonly Instrument[];
  readonly #pool: Omit<PoolOptions, 'signal' | 'onProgress'>;
  /** One search at a time: each takes every core, a second would only halve both and double the memory. */
  #running = false;

  constructor(deps: { db: Kysely<Database>; instruments: () => readonly Instrument[]; pool?: Omit<PoolOptions, 'signal' | 'onProgress'> }) {
    this.#db = deps.db;
    this.#instruments = deps.instruments;
    this.#pool = deps.pool ?? {};
  }

  /** Reads the candles and checks the whole search, so a wrong request fails before any progress is streamed. */
  async prepare(input: OptimizeInput): Promise<Result<SearchPlan>> {
    const series = await loadSeries(this.#db, this.#instruments(), input);
    if (!series.ok) return series;
    const { stopLossPct, takeProfitPct } = input;
    const options = { ...series.value.options, ...(stopLossPct !== undefined ? { stopLossPct } : {}), ...(takeProfitPct !== undefined ? { takeProfitPct } : {}) };
    return planSearch(series.value.candles, { kind: input.kind, params: input.params, search: input.search, rankBy: input.rankBy, top: input.top }, options);
  }

  /** Progress as the workers finish batches, then the ranking. Closing the stream (or the signal) terminates the workers. */
  async *run(plan: SearchPlan, signal?: AbortSignal): AsyncGenerator<OptimizeEvent, Result<null>, unknown> {
    if (this.#running) return fail('CONFLICT', 'A parameter search is already running; wait for it to finish or cancel it first');
    this.#running = true;
    try {
      return yield* this.#stream(plan, signal);
    } finally {
      this.#running = false;
    }
  }

  async *#stream(plan: SearchPlan, signal?: AbortSignal): AsyncGenerator<OptimizeEvent, Result<null>, unknown> {
    const stream = progressStream<OptimizeEvent, Result<OptimizeResult> | null>((onProgress, inner) => runSearch(plan, { ...this.#pool, signal: inner, onProgress: (done, total) => onProgress({ kind: 'progress', done, total }) }), signal);
    for await (const event of stream) {
      if (event === null) return ok(null);
      if ('ok' in event) {
        if (!event.ok) return event;
        yield { kind: 'done', result: event.value };
      } else yield event;
    }
    return ok(null);
  }
}
