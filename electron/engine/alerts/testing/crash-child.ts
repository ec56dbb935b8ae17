// A real crash for the kill tests: `node crash-child.ts <dataDir> <after-submit|after-commit> <n> <alert body>`
// starts the engine on the data folder, posts the alert to its own listener over HTTP, and sends
// itself SIGKILL right after the n-th order reaches the venue (before the engine records the
// answer) or right after the n-th order's new state is committed. Each submit is appended to
// submits.log first, synchronously, so the test sees what the venue was asked even after the kill.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../index.ts';
import { silentLogger } from '../../ports/logger.ts';
import { hookedVenue } from './hooked-venue.ts';

const [dataDir = '', point = '', nth = '', body = ''] = process.argv.slice(2);
const n = Number(nth);
const die = () => process.kill(process.pid, 'SIGKILL');
let submits = 0;
let commits = 0;

const engine = await createEngine({
  dataDir,
  logger: silentLogger,
  startMarketTimer: false,
  webhook: { port: 0 },
  wrapVenue: (venue) =>
    hookedVenue(venue, (order) => {
      appendFileSync(join(dataDir, 'submits.log'), `${order.clientOrderId}\n`);
      if (point === 'after-submit' && ++submits === n) die();
    }),
});
engine.services.orders.onOrderUpdate(() => {
  if (point === 'after-commit' && ++commits === n) die();
});
const response = await fetch(engine.services.webhooks.status().url ?? '', { method: 'POST', body });
appendFileSync(join(dataDir, 'reply.log'), `${response.status}\n`);
// The alert is acted on after the reply; the kill comes during that. Still alive later: no kill point was reached.
setTimeout(() => process.exit(3), 10_000);
