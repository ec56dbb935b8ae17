// A real crash for the emergency stop: `node stop-crash-child.ts <dataDir>` starts the engine on the
// data folder, presses the emergency stop at level flatten, and sends itself SIGKILL the moment the
// first close reaches the venue (inside its transaction, so that close is never recorded).
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../index.ts';
import { silentLogger } from '../../ports/logger.ts';
import { delegatingVenue } from '../../testing/delegating-venue.ts';

const [dataDir = ''] = process.argv.slice(2);

const engine = await createEngine({
  dataDir,
  logger: silentLogger,
  startMarketTimer: false,
  webhook: { port: 0 },
  wrapVenue: (venue) =>
    delegatingVenue(venue, {
      submit: (order) => {
        appendFileSync(join(dataDir, 'submits.log'), `${order.side} ${order.qty} ${order.reduceOnly === true ? 'reduce-only' : 'entry'}\n`);
        process.kill(process.pid, 'SIGKILL');
        return venue.submit(order);
      },
    }),
});
await engine.services.emergency.engage('flatten', 'button');
// Still alive later: the flatten placed no close.
setTimeout(() => process.exit(3), 10_000);
