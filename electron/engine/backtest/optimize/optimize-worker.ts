import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestOptions } from '../options.ts';
import { evaluate, type Job } from './evaluate.ts';
import { columnsOf } from './shared-candles.ts';

/** Started by `WorkerPool`: the candles arrive once in `workerData`, then batches of parameter sets. */
export interface WorkerSetup {
  candles: SharedArrayBuffer;
  options: BacktestOptions;
}

const { candles: buffer, options } = workerData as WorkerSetup;
const candles = columnsOf(buffer);

parentPort!.on('message', (jobs: Job[]) => {
  parentPort!.postMessage(evaluate(candles, options, jobs));
});
