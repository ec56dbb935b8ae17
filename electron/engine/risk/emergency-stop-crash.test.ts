import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../index.ts';
import { silentLogger } from '../ports/logger.ts';
import { until } from '../testing/full-disk.ts';
import { tempDir } from '../testing/temp-dir.ts';

const CHILD = fileURLToPath(new URL('./testing/stop-crash-child.ts', import.meta.url));
const open = (dataDir: string) => createEngine({ dataDir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, emergencyPacing: { firstMs: 5, maxMs: 20 } });

describe('an emergency stop killed (SIGKILL) in the middle of its flatten', () => {
  it('is in force at the next start, refuses entries, and finishes the flatten', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const created = await first.services.bots.create({ name: 'TV', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account: 'paper' });
    if (!created.ok) throw new Error(created.error.message);
    const botId = created.value.id;
    expect((await first.services.orders.place({ botId, symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 2 })).status).toBe('FILLED');
    await first.stop();

    const child = spawnSync(process.execPath, [CHILD, dataDir], { encoding: 'utf8', timeout: 20_000 });
    expect({ signal: child.signal, stderr: child.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
    expect(readFileSync(join(dataDir, 'submits.log'), 'utf8')).toBe('SELL 2 reduce-only\n');

    const second = await open(dataDir);
    try {
      const { emergency, orders } = second.services;
      expect(emergency.status()).toMatchObject({ level: 'flatten', by: 'button' });
      const entry = await orders.place({ botId, symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
      expect(entry).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringContaining('Emergency stop (flatten)') });
      await until(() => emergency.status().progress.done, 'the resumed flatten to finish');
      expect(orders.position(botId, 'SOL/USDT').netQty).toBe(0);
      const closes = await second.services.db.selectFrom('orders').select(['side', 'qty', 'status']).where('side', '=', 'SELL').execute();
      expect(closes).toEqual([{ side: 'SELL', qty: 2, status: 'FILLED' }]); // the killed close left no row; one close, once
    } finally {
      await second.stop();
    }
  });
});
