// `npm run bench`: prints figures; nothing here passes or fails on a timing.
import { engineThroughput } from './engine-throughput.ts';

await engineThroughput();
