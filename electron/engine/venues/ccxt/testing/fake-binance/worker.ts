import { parentPort } from 'node:worker_threads';
import { startFakeBinance } from './server.ts';

/**
 * The fake in a worker thread, for measurements: in the caller's own thread, its request times
 * would include the caller's event-loop delays. Posts `{ url, keys }`; answers 'requests' with the
 * request log and 'close' by closing.
 */
const fake = await startFakeBinance();
parentPort?.postMessage({ url: fake.url, keys: fake.keys });
parentPort?.on('message', (message: string) => {
  if (message === 'requests') parentPort?.postMessage(fake.requests);
  if (message === 'close') void fake.close().then(() => parentPort?.close());
});
