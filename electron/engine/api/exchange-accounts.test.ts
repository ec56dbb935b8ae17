import { createRouterClient } from '@orpc/server';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../../shared/contract/index.ts';
import { CcxtOptionsSchema } from '../../../shared/domain/account.ts';
import { FAKE_KEY, FAKE_SECRET, TestExchanges } from '../accounts/testing/exchange-fixture.ts';
import { createEngine } from '../index.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import { silentLogger } from '../ports/logger.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { ok } from '../../../shared/errors.ts';

/**
 * Every object key a schema's output can hold, at any depth (zod 4 keeps the shape on `def`); a
 * record of free values is reported as `*`, since any key could pass through it.
 */
function outputKeys(schema: z.ZodType, seen = new Set<unknown>()): string[] {
  if (seen.has(schema) || schema === CcxtOptionsSchema) return [];
  seen.add(schema);
  const def = (schema as unknown as { def?: Record<string, unknown> }).def;
  if (!def) return [];
  if (def.type === 'record' && (def.valueType as { def?: { type?: string } })?.def?.type === 'unknown') return ['*'];
  const inner = ['innerType', 'element', 'valueType', 'in', 'out', 'schema'].map((k) => def[k]).filter(Boolean) as z.ZodType[];
  const options = (def.options as z.ZodType[] | undefined) ?? [];
  const shape = (def.shape as Record<string, z.ZodType> | undefined) ?? {};
  return [...Object.keys(shape), ...[...Object.values(shape), ...inner, ...options].flatMap((s) => outputKeys(s, seen))];
}

const CREDENTIAL_LIKE = /apikey|secret|password|passphrase|privatekey|credential|^\*$/i;

/** A keychain in memory: these tests are about the contract, not the store. */
class MemorySecrets implements SecretStore {
  readonly entries = new Map<string, string>();
  async status() {
    return { usable: true as const };
  }
  async get(ref: string) {
    return ok(this.entries.get(ref) ?? null);
  }
  async set(ref: string, secret: string) {
    this.entries.set(ref, secret);
    return ok(undefined);
  }
  async delete(ref: string) {
    return ok(this.entries.delete(ref));
  }
  async references() {
    return ok([...this.entries.keys()]);
  }
}

describe('secrets are write-only in the contract', () => {
  it('no output schema of any procedure has a field that could carry a key', () => {
    const procedures = Object.entries(contract).flatMap(([noun, procs]) => Object.entries(procs).map(([verb, p]) => [`${noun}.${verb}`, p] as const));
    const offending = procedures.flatMap(([name, p]) => {
      const output = (p as unknown as { '~orpc': { outputSchema?: z.ZodType } })['~orpc'].outputSchema;
      return output ? outputKeys(output).filter((k) => CREDENTIAL_LIKE.test(k)).map((k) => `${name}: ${k}`) : [];
    });
    expect(procedures.length).toBeGreaterThan(30);
    expect(offending).toEqual([
      // A bot's new webhook passphrase, shown once by design; not an exchange key.
      'webhooks.rotatePassphrase: passphrase',
      // The names of the fields an exchange asks for (at most 32 characters each), not their values.
      'accounts.exchanges: credentials',
      // At most 4 characters (the schema says so).
      'accounts.exchangeAccounts: apiKeyLast4',
      'accounts.create: apiKeyLast4',
      'accounts.update: apiKeyLast4',
    ]);
  });

  it('strips a key a handler let slip into its answer', async () => {
    const engine = await createEngine({ dataDir: tempDir(), logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, secrets: new MemorySecrets(), exchanges: new TestExchanges(), environment: {} });
    try {
      const client = createRouterClient(engine.router, { context: { engine: engine.services } });
      const created = await client.accounts.create({ accountId: 'b1', exchangeId: 'binance', label: 'B', credentials: { apiKey: FAKE_KEY, secret: FAKE_SECRET } });
      expect(created).toMatchObject({ id: 'b1', configured: true, apiKeyLast4: 'HECK' });
      // A careless change to the service that returns the keys along with the account.
      const service = engine.services.exchangeAccounts;
      const list = service.list.bind(service);
      service.list = async () => (await list()).map((a) => ({ ...a, apiKey: FAKE_KEY, credentials: { secret: FAKE_SECRET } }));
      const answer = JSON.stringify(await client.accounts.exchangeAccounts());
      expect(answer).toContain('"id":"b1"');
      expect(answer).not.toContain(FAKE_KEY);
      expect(answer).not.toContain(FAKE_SECRET);
    } finally {
      await engine.stop();
    }
  });
});
