import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { Job } from './evaluate.ts';
import type { WorkerSetup } from './optimize-worker.ts';
import type { Scored } from './ranking.ts';

export interface PoolOptions {
  /** Threads to start; default min(2, cores): the machines we target have two. */
  workers?: number;
  /** The worker script; tests pass one that crashes. */
  workerUrl?: URL;
  /** Aborting terminates every worker at once; the run then resolves to null. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export const defaultWorkers = () => Math.max(1, Math.min(2, availableParallelism()));

/** The worker script: beside this file when run from source; beside the bundled engine (or one folder up from its chunks) when built. */
export function optimizeWorkerUrl(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./optimize-worker.ts', import.meta.url);
  const beside = new URL('./optimize-worker.js', import.meta.url);
  return existsSync(beside) ? beside : new URL('../optimize-worker.js', import.meta.url);
}

/** Batches small enough to share the work evenly and report progress often, large enough that messages cost nothing. */
function batchesOf(jobs: readonly Job[], workers: number): Job[][] {
  const size = Math.min(64, Math.max(1, Math.ceil(jobs.length / (workers * 16))));
  const batches: Job[][] = [];
  for (let i = 0; i < jobs.length; i += size) batches.push(jobs.slice(i, i + size));
  return batches;
}

/**
 * Backtests the jobs on worker threads that share one copy of the candles; each worker asks for
 * the next batch when it finishes one. A worker that throws or exits stops the whole run with a
 * failure (no result is half-ranked); cancelling terminates every worker. Either way no thread
 * outlives the returned promise.
 */
export function runOnWorkers(setup: WorkerSetup, jobs: readonly Job[], pool: PoolOptions = {}): Promise<Result<Scored[]> | null> {
  const batches = batchesOf(jobs, pool.workers ?? defaultWorkers());
  const count = Math.min(pool.workers ?? defaultWorkers(), batches.length);
  if (count === 0 || pool.signal?.aborted) return Promise.resolve(pool.signal?.aborted ? null : ok([]));
  return new Promise((resolve) => {
    const threads: Worker[] = [];
    const results: Scored[] = [];
    let next = 0;
    let finished = 0;
    let settled = false;
    const settle = (outcome: Result<Scored[]> | null) => {
      if (settled) return;
      settled = true;
      pool.signal?.removeEventListener('abort', onAbort);
      void Promise.all(threads.map((thread) => thread.terminate())).then(() => resolve(outcome));
    };
    const broken = (what: string) =>
      settle(fail('INTERNAL', `The optimisation stopped: a worker thread ${what} after ${results.length} of ${jobs.length} parameter sets; nothing was ranked`));
    const onAbort = () => settle(null);
    pool.signal?.addEventListener('abort', onAbort, { once: true });
    const feed = (thread: Worker) => {
      if (next < batches.length) thread.postMessage(batches[next++]);
    };
    for (let w = 0; w < count; w++) {
      // No inherited flags: a host started with --input-type or --eval would make every worker fail to start.
      const thread = new Worker(pool.workerUrl ?? optimizeWorkerUrl(), { workerData: setup, execArgv: [] });
      threads.push(thread);
      thread.on('message', (scored: Scored[]) => {
        results.push(...scored);
        pool.onProgress?.(results.length, jobs.length);
        if ((finished += 1) === batches.length) settle(ok(results));
        else feed(thread);
      });
      thread.on('error', (error: Error) => broken(`failed (${error.message})`));
      thread.on('messageerror', () => broken('sent a result that could not be read'));
      thread.on('exit', (code) => broken(`exited with code ${code}`));
      feed(thread);
    }
  });
}
