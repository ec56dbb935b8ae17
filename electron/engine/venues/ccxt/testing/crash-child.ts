// A real crash for the restart tests: `node crash-child.ts <db file> <fake url> <scenario> <client id>`
// opens the order manager on the database file with a ccxt venue on the fake Binance (run by the
// test, in its own process) and places (and maybe cancels) one order, then dies by SIGKILL at the
// scenario's point, or is killed by the test while a request is unanswered.
import { EventBus } from '../../../event-bus.ts';
import { OrderManager } from '../../../execution/order-manager.ts';
import { openDatabase } from '../../../persistence/open-database.ts';
import { silentLogger } from '../../../ports/logger.ts';
import { systemClock } from '../../../ports/clock.ts';
import { VenueRegistry } from '../../venue-registry.ts';
import { FAKE_KEYS, type FakeBinance } from './fake-binance/server.ts';
import { venueOnFake } from './venue-on-fake.ts';

const [file = '', url = '', scenario = '', clientOrderId = ''] = process.argv.slice(2);
const die = () => process.kill(process.pid, 'SIGKILL');
const { db } = await openDatabase(file);
// A slow poller: what the exchange does after the kill point is learnt only by the next start.
const { venue } = await venueOnFake({ url, keys: FAKE_KEYS } as FakeBinance, { rateLimit: false, timeoutMs: 60_000, settings: { pollMs: 600_000 } });
const orders = new OrderManager({ db, venues: new VenueRegistry([[venue.id, venue]]), bus: new EventBus(() => undefined), clock: systemClock, logger: silentLogger });
await orders.loadPositions();
if (scenario === 'before-send') venue.submit = () => die() as never;
const limit = scenario !== 'market-in-flight' && scenario !== 'before-send';
const placed = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: limit ? 'LIMIT' : 'MARKET', qty: 0.01, price: limit ? 49_000 : null, clientOrderId });
process.stdout.write(`${placed.status}\n`);
if (scenario === 'cancel-in-flight') await orders.cancel(clientOrderId);
if (scenario === 'accepted') die();
// Still alive: the test kills this process while its request is unanswered.
setTimeout(() => process.exit(3), 30_000);
