export { fakeBinanceOptions } from './ccxt-options.ts';
export { FAKE_KEYS, type FakeBinance, type FakeRequest, startFakeBinance } from './server.ts';
export type { FaultKind, FaultRule } from './faults.ts';
export type { FakeOrder, FakeTrade } from './book.ts';
