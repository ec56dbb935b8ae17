import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedMessage {
  token: string;
  chatId: string;
  text: string;
}

/** `limitOnce`: the next request is answered 429 with retry_after 3, then `ok`. */
export type TelegramBehaviour = 'ok' | 'error500' | 'hang' | 'limitOnce';

/**
 * A Bot API on 127.0.0.1 that answers `sendMessage` as Telegram does. `behaviour` turns it into a
 * failing one (HTTP 500) or one that takes the request and never answers.
 */
export async function startFakeTelegram() {
  const messages: ReceivedMessage[] = [];
  const hanging = new Set<ServerResponse>();
  let behaviour: TelegramBehaviour = 'ok';
  let requests = 0;
  const server = createServer((req, res) => void answer(req, res));
  async function answer(req: IncomingMessage, res: ServerResponse) {
    // Counted on arrival: a sink that gives up (times out) while the body is still coming was still heard.
    requests += 1;
    const match = /^\/bot([^/]+)\/sendMessage$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!match || req.method !== 'POST') return void res.writeHead(404).end(JSON.stringify({ ok: false, description: 'Not Found' }));
    if (behaviour === 'hang') return void hanging.add(res);
    if (behaviour === 'limitOnce') {
      behaviour = 'ok';
      return void res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } }));
    }
    if (behaviour === 'error500') return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error at ${req.url ?? ''}` }));
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { chat_id: string; text: string };
    messages.push({ token: decodeURIComponent(match[1] ?? ''), chatId: String(body.chat_id), text: body.text });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { message_id: messages.length } }));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    messages,
    get requests() {
      return requests;
    },
    set(next: TelegramBehaviour) {
      behaviour = next;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
