import { MessageChannel } from 'node:worker_threads';
import { createORPCClient, ORPCError } from '@orpc/client';
import { RPCLink } from '@orpc/client/message-port';
import type { ContractRouterClient } from '@orpc/contract';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Contract } from '../../../shared/contract/index.ts';
import { createEngine } from '../index.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { contractServer } from './engine-host.ts';

describe('the contract served on a MessagePort by the engine host', () => {
  it('answers an unexpected error INTERNAL with a ref over the port, logged once with the real error', async () => {
    const log = recordingLogger();
    const engine = await createEngine({ dataDir: tempDir(), logger: log, startMarketTimer: false, webhook: { port: 0 } });
    const { port1, port2 } = new MessageChannel();
    contractServer(engine)(port2);
    port1.start();
    const client: ContractRouterClient<Contract> = createORPCClient(new RPCLink({ port: port1 }));
    try {
      await sql`drop table fills`.execute(engine.services.db);
      const error = await client.fills.list({}).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ORPCError);
      const { code, message } = error as ORPCError<string, unknown>;
      const ref = /\(ref ([0-9a-f]{6})\)/.exec(message)?.[1];
      expect({ code, ref }).toEqual({ code: 'INTERNAL', ref: expect.any(String) });
      expect(message).not.toMatch(/no such table|sqlite/i);
      expect(log.withRef(ref!)).toEqual([expect.objectContaining({ fields: expect.objectContaining({ error: expect.objectContaining({ message: expect.stringContaining('no such table: fills') }) }) })]);
    } finally {
      port1.close();
      await engine.stop();
    }
  });
});
