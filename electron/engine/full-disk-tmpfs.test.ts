import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRouterClient } from '@orpc/server';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, DATABASE_FILE } from './index.ts';
import { openDatabase } from './persistence/open-database.ts';
import { isOutOfSpace } from './persistence/out-of-space.ts';
import { silentLogger } from './ports/logger.ts';
import { integrityCheck, until } from './testing/full-disk.ts';
import { fillFilesystem } from './testing/fill-filesystem.ts';

/** A real 2 MB filesystem; mounting one needs root (CI runs as root), elsewhere the test says why it is skipped. */
function mountTmpfs(): { dir: string; skipped: null } | { dir: null; skipped: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir, skipped: null };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const reason = String((error as { stderr?: Buffer }).stderr ?? error).trim().split('\n')[0];
    return { dir: null, skipped: `skipped: mounting a 2 MB tmpfs is not permitted here (${reason}); CI runs it as root` };
  }
}

const mounted = mountTmpfs();
afterAll(() => {
  if (!mounted.dir) return;
  execFileSync('umount', [mounted.dir]);
  rmSync(mounted.dir, { recursive: true, force: true });
});

describe.skipIf(mounted.dir === null)(`a really full disk (2 MB tmpfs)${mounted.skipped ? ` — ${mounted.skipped}` : ''}`, () => {
  it('takes an I/O error on a nearly full disk for a full disk (SQLite reports some ENOSPC so)', () => {
    const ioError = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_SHMSIZE' });
    expect(isOutOfSpace(ioError, mounted.dir ?? '')).toBe(true);
  });

  it('keeps the engine running, answers alerts 503, and resumes market and alerts once space is freed', async () => {
    const dataDir = join(mounted.dir ?? '', 'data');
    const engine = await createEngine({ dataDir, logger: silentLogger, webhook: { port: 0 }, storageProbeMs: 20, market: { historyBars: 50, candlesPerSecond: 200 } });
    const client = createRouterClient(engine.router, { context: { engine: engine.services } });
    const { db, storage } = engine.services;
    const bars = () => db.selectFrom('candles').selectAll().orderBy('symbol').orderBy('ts').execute();
    const bot = await client.bots.create({ name: 'TV', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 10 }, orderQty: 1, account: 'paper' });
    await client.bots.start({ id: bot.id });
    const passphrase = await engine.services.webhooks.rotatePassphrase(bot.id);
    if (!passphrase.ok) throw new Error(passphrase.error.message);
    const post = (id: string) => fetch(engine.services.webhooks.status().url ?? '', { method: 'POST', body: JSON.stringify({ passphrase: passphrase.value.passphrase, bot: bot.id, action: 'buy', id }) }).then((r) => r.status);
    const initial = (await bars()).length;
    await until(async () => (await bars()).length > initial + 20, 'the market to store bars');

    const filler = join(mounted.dir ?? '', 'filler');
    fillFilesystem(filler);
    await until(() => !storage.writable, 'the full disk to be noticed');
    expect(await post('while-full')).toBe(503);
    const atFull = await bars();

    rmSync(filler);
    await until(async () => storage.writable && (await bars()).length > atFull.length + 20, 'bars stored after space was freed');
    expect(await post('while-full')).toBe(200);
    await until(async () => (await db.selectFrom('orders').select('clientOrderId').execute()).length === 1, 'the resent alert to trade');
    await engine.stop();

    const reopened = await openDatabase(join(dataDir, DATABASE_FILE));
    const after = await reopened.db.selectFrom('candles').selectAll().orderBy('symbol').orderBy('ts').execute();
    const kept = new Set(after.map((bar) => JSON.stringify(bar)));
    expect(atFull.filter((bar) => !kept.has(JSON.stringify(bar)))).toEqual([]);
    const gaps = after.filter((bar, i) => i > 0 && after[i - 1]?.symbol === bar.symbol && bar.ts - (after[i - 1]?.ts ?? 0) !== 60_000);
    expect(gaps).toEqual([]);
    expect(await reopened.db.selectFrom('alerts').select('status').execute()).toEqual([{ status: 'executed' }]);
    expect(await integrityCheck(reopened.db)).toBe('ok');
    await reopened.close();
  });
});
