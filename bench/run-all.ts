// `npm run bench`: prints figures; nothing here passes or fails on a timing.
import { ccxtOrders } from './ccxt-orders.ts';
import { engineHostLatency } from './engine-host-latency.ts';
import { engineThroughput } from './engine-throughput.ts';
import { governorCheck } from './governor-check.ts';
import { headlessStartup } from './headless-startup.ts';
import { liveStreams } from './live-streams.ts';
import { sqliteCandles } from './sqlite-candles.ts';
import { webhookFuzz, webhookLoad } from './webhook-load.ts';

await engineThroughput();
await engineHostLatency();
await sqliteCandles();
await headlessStartup();
await webhookLoad();
await liveStreams();
await ccxtOrders();
await governorCheck();
webhookFuzz();
