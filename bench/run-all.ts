// `npm run bench`: prints figures; nothing here passes or fails on a timing.
import { backtestSpeed } from './backtest.ts';
import { ccxtOrders } from './ccxt-orders.ts';
import { engineHostLatency } from './engine-host-latency.ts';
import { engineThroughput } from './engine-throughput.ts';
import { governorCheck } from './governor-check.ts';
import { headlessStartup } from './headless-startup.ts';
import { indicatorsSpeed } from './indicators.ts';
import { liveStreams } from './live-streams.ts';
import { sqliteCandles } from './sqlite-candles.ts';
import { candleImport } from './candle-import.ts';
import { optimizeSpeed } from './optimize.ts';
import { webhookFuzz, webhookLoad } from './webhook-load.ts';

await engineThroughput();
await engineHostLatency();
await sqliteCandles();
await candleImport();
await headlessStartup();
await webhookLoad();
await liveStreams();
await ccxtOrders();
await governorCheck();
webhookFuzz();
indicatorsSpeed();
backtestSpeed();
await optimizeSpeed();
