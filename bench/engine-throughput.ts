import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CandleUpdate } from '../shared/domain/candle.ts';
import { createEngine } from '../electron/engine/index.ts';
import { SIMULATED_INSTRUMENTS } from '../electron/engine/market/instruments.ts';
import { RandomWalk } from '../electron/engine/market/random-walk.ts';
import { silentLogger } from '../electron/engine/ports/logger.ts';

const BARS_PER_SYMBOL = 60_000;
const PERIODS = [
  [5, 20], [9, 21], [10, 50], [12, 26], [20, 100], [7, 30], [15, 60], [3, 13], [8, 34], [21, 55],
] as const;

function bars(): CandleUpdate[] {
  const updates: CandleUpdate[] = [];
  const walks = SIMULATED_INSTRUMENTS.map((i) => ({ i, walk: new RandomWalk({ seed: 42, startPx: i.startPx, annualVol: i.annualVol, ticksPerBar: 10 }) }));
  const start = Date.UTC(2026, 0, 1);
  for (let n = 0; n < BARS_PER_SYMBOL; n++) {
    for (const { i, walk } of walks) {
      const candle = walk.nextBar(start + n * 60_000, 10);
      updates.push({ symbol: i.symbol, timeframe: '1m', candle: { ...candle, close: Math.round(candle.close * 100) / 100 }, closed: true });
    }
  }
  return updates;
}

/** Replays the bars through the engine's market pipeline with 10 MA-crossover bots attached. */
async function run(label: string, updates: CandleUpdate[], trading: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
  const engine = await createEngine({ dataDir: dir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, market: { historyBars: 1 } });
  const symbols = SIMULATED_INSTRUMENTS.map((i) => i.symbol);
  for (const [index, [fast, slow]] of PERIODS.entries()) {
    const symbol = symbols[index % symbols.length] ?? 'BTC/USDT';
    const created = await engine.services.bots.create({ name: `bench ${index}`, symbol, timeframe: '1m', strategy: { kind: 'ma_crossover', fast, slow }, orderQty: symbol === 'BTC/USDT' ? 0.001 : 0.1, account: 'paper' });
    if (!created.ok) throw new Error(created.error.message);
    await engine.services.bots.setStatus(created.value.id, trading ? 'running' : 'paused');
  }
  const botsPerSymbol = new Map(symbols.map((s, i) => [s, PERIODS.filter((_, j) => j % symbols.length === i).length]));
  const started = performance.now();
  let deliveries = 0;
  for (const update of updates) {
    const pending = engine.feed(update);
    if (pending) await pending;
    deliveries += botsPerSymbol.get(update.symbol) ?? 0;
  }
  const seconds = (performance.now() - started) / 1000;
  const fills = await engine.services.db.selectFrom('fills').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await engine.stop();
  rmSync(dir, { recursive: true, force: true });
  const rate = deliveries / seconds;
  console.log(`${label}: ${deliveries.toLocaleString()} bot-candles in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString()} candles/s; ${fills.n} fills persisted`);
  return rate;
}

export async function engineThroughput(): Promise<void> {
  console.log(`\n# Engine throughput: ${BARS_PER_SYMBOL.toLocaleString()} closed 1m bars x 3 symbols, 10 MA-crossover bots, paper venue`);
  const updates = bars();
  const paused = await run('baseline (bots paused: indicators only, no orders)', updates, false);
  const trading = await run('trading (every signal ordered, filled and persisted, synchronous=FULL)', updates, true);
  console.log(`trading / baseline = ${(trading / paused).toFixed(2)}`);
}
