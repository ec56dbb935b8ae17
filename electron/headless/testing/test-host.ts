import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import type { ContractRouterClient } from '@orpc/contract';
import type { Contract } from '../../../shared/contract/index.ts';
import { createEngine, type Engine } from '../../engine/index.ts';
import { silentLogger, type Logger } from '../../engine/ports/logger.ts';
import { startHeadlessServer, type HeadlessServer } from '../server.ts';

export const TEST_TOKEN = 'test-token-0123456789abcdef';

/** A real headless host on a free loopback port, and a real WebSocket client of its contract. */
export async function startTestHost(dataDir: string, staticDir = dataDir, logger: Logger = silentLogger) {
  const engine: Engine = await createEngine({ dataDir, logger, startMarketTimer: false, webhook: { port: 0 } });
  const server: HeadlessServer = await startHeadlessServer({ engine, token: TEST_TOKEN, host: '127.0.0.1', port: 0, staticDir });
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${TEST_TOKEN}`);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  const client: ContractRouterClient<Contract> = createORPCClient(new RPCLink({ websocket: socket }));
  return {
    engine,
    server,
    client,
    base: `http://127.0.0.1:${server.port}`,
    async close() {
      socket.close();
      await server.close();
      await engine.stop();
    },
  };
}
