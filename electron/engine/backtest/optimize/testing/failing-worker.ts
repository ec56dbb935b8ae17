import { parentPort, workerData } from 'node:worker_threads';

/** A worker that breaks on its first batch: by throwing, or by exiting with the code in workerData.options.qty (a test hook). */
parentPort!.on('message', () => {
  const { options } = workerData as { options: { qty: number } };
  if (options.qty === 13) process.exit(13);
  throw new Error('boom in the worker');
});
