import { describe, expect, it } from 'vitest';
import type { FromEngineHost, HostChannel, ToEngineHost } from '../host/host-protocol.ts';
import { runEngineHost } from '../host/engine-host.ts';
import { silentLogger } from '../ports/logger.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { MemorySecrets } from './testing/memory-secrets.ts';

describe('the engine host relays notifications to the process that shows them', () => {
  it('posts a notify message with the words the trader reads when a webhook is refused', async () => {
    const posted: FromEngineHost[] = [];
    let deliver: (message: ToEngineHost) => void = () => undefined;
    const channel: HostChannel = { onMessage: (listener) => (deliver = (message) => listener(message, [])), post: (message) => posted.push(message) };
    const running = runEngineHost(channel, { dataDir: tempDir(), logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, secrets: new MemorySecrets(), environment: {} });
    for (let i = 0; i < 500 && posted.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const ready = posted[0];
    if (ready?.type !== 'ready') throw new Error(`engine did not start: ${JSON.stringify(ready)}`);
    expect((await fetch(ready.webhookUrl ?? '', { method: 'POST', body: 'not json' })).status).toBe(400);
    for (let i = 0; i < 500 && !posted.some((m) => m.type === 'notify'); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(posted.find((m) => m.type === 'notify')).toMatchObject({ type: 'notify', kind: 'webhook_refused', title: 'Webhook alert refused (HTTP 400)' });
    deliver({ type: 'stop' });
    await running;
    expect(posted.at(-1)).toEqual({ type: 'stopped' });
  });
});
