import BetterSqlite3 from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir.ts';
import { DATABASE_FILE } from '../index.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { startEngineWorker, type ContractClient, type EngineHostHandle } from './testing/engine-thread.ts';

const botInput = { name: 'Port bot', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 5, slow: 20 }, orderQty: 0.001, account: 'paper' } as const;

async function ready(host: EngineHostHandle) {
  const first = await host.started;
  if (first.type !== 'ready') throw new Error(`engine did not start: ${JSON.stringify(first)}`);
  return first;
}

async function subscribeToEvents(client: ContractClient) {
  const events = await client.engine.events();
  return { next: () => events.next(), close: () => events.return?.() };
}

describe('engine entry in a worker thread, over real MessagePorts', () => {
  it('serves the contract: creates a bot, lists it, streams the change', async () => {
    const host = startEngineWorker(tempDir());
    try {
      await ready(host);
      const { client } = host.connect();
      const events = await subscribeToEvents(client);
      const created = await client.bots.create(botInput);
      expect((await client.bots.list()).map((b) => b.id)).toEqual([created.id]);
      expect((await events.next()).value).toMatchObject({ topic: 'bots', botId: created.id });
      await events.close();
    } finally {
      await host.stop();
    }
  });

  it('serves every port it is handed: a reloaded window gets a fresh connection', async () => {
    const host = startEngineWorker(tempDir());
    try {
      await ready(host);
      const first = host.connect();
      await first.client.bots.create(botInput);
      first.port.close(); // the old window is gone
      const second = host.connect();
      expect(await second.client.bots.list()).toHaveLength(1);
    } finally {
      await host.stop();
    }
  });

  it('keeps what it stored across a stop and a start on the same folder', async () => {
    const dir = tempDir();
    const first = startEngineWorker(dir);
    await ready(first);
    const created = await first.connect().client.bots.create(botInput);
    await first.stop();
    const second = startEngineWorker(dir);
    try {
      await ready(second);
      expect((await second.connect().client.bots.list()).map((b) => b.id)).toEqual([created.id]);
    } finally {
      await second.stop();
    }
  });
});

describe('start-up failures reach the starter as values', () => {
  it('refuses a second engine on a held folder, naming the holder', async () => {
    const dir = tempDir();
    const first = startEngineWorker(dir);
    try {
      await ready(first);
      const second = startEngineWorker(dir);
      const answer = await second.started;
      expect(answer).toMatchObject({ type: 'failed', failure: { kind: 'folder-held' } });
      const detail = answer.type === 'failed' ? answer.failure.detail : '';
      expect(detail).toContain(`process ${process.pid} on ${hostname()}`);
      expect(detail).toContain(dir);
    } finally {
      await first.stop();
    }
  });

  it('reports a corrupt database file as such', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, DATABASE_FILE), 'this is not a database, it is a shopping list '.repeat(100));
    const host = startEngineWorker(dir);
    expect(await host.started).toMatchObject({ type: 'failed', failure: { kind: 'database-corrupt' } });
  });

  it('reports a database written by a newer version as a failed migration', async () => {
    const dir = tempDir();
    const { sqlite, close } = await openDatabase(join(dir, DATABASE_FILE));
    sqlite.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('2099-01-01-0001-from-the-future', new Date().toISOString());
    await close();
    const host = startEngineWorker(dir);
    expect(await host.started).toMatchObject({ type: 'failed', failure: { kind: 'migration-failed' } });
  });

  it('reports a database another program keeps locked', async () => {
    const dir = tempDir();
    const other = new BetterSqlite3(join(dir, DATABASE_FILE));
    other.exec('BEGIN EXCLUSIVE');
    try {
      const host = startEngineWorker(dir);
      expect(await host.started).toMatchObject({ type: 'failed', failure: { kind: 'database-locked' } });
    } finally {
      other.close();
    }
  });
});
