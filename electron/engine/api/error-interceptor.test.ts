import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createORPCClient, ORPCError } from '@orpc/client';
import { RPCLink } from '@orpc/client/message-port';
import { OpenAPIHandler } from '@orpc/openapi/node';
import { os, type RouterClient } from '@orpc/server';
import { RPCHandler } from '@orpc/server/message-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_STATUS, fail, type ErrorCode } from '../../../shared/errors.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { errorInterceptors } from './error-interceptor.ts';
import { unwrap } from './errors.ts';

const CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** One procedure per way a call can end, served the way the hosts serve the engine's router. */
const router = {
  refuse: os
    .route({ method: 'GET', path: '/refuse/{code}' })
    .input(z.object({ code: z.enum(CODES as [ErrorCode, ...ErrorCode[]]) }))
    .handler(({ input }) => unwrap(fail(input.code, `Refused with ${input.code}`, [], { amount: 1.5 }))),
  echo: os.route({ method: 'POST', path: '/echo' }).input(z.object({ amount: z.number() })).handler(({ input }) => input),
  wrongOutput: os.route({ method: 'GET', path: '/wrong-output' }).output(z.number()).handler(() => 'not a number' as unknown as number),
  unencodable: os.route({ method: 'GET', path: '/unencodable' }).handler(() => ({
    get balance(): number {
      throw new Error('SQLITE_CORRUPT: database disk image is malformed');
    },
  })),
  stream: os.handler(async function* () {
    yield 1;
    throw new Error('SQLITE_BUSY: database is locked at /home/trader/.config/StoxRobot/stoxrobot.sqlite');
  }),
};

const log = recordingLogger();
let server: Server;
let base: string;

beforeAll(async () => {
  const rest = new OpenAPIHandler(router, errorInterceptors(log));
  server = createServer((req, res) => void rest.handle(req, res, { context: {} }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the error interceptor over real HTTP', () => {
  it('sends every domain code with its own status, message and details, and logs none of them', async () => {
    for (const code of CODES) {
      const res = await fetch(`${base}/refuse/${code}`);
      expect(res.status, code).toBe(ERROR_STATUS[code]);
      expect(await res.json()).toMatchObject({ code, status: ERROR_STATUS[code], message: `Refused with ${code}`, data: { issues: [], details: { amount: 1.5 } } });
    }
    expect(log.entries).toEqual([]);
  });

  it('treats an output the contract does not allow as a bug: INTERNAL with a ref, logged once', async () => {
    const res = await fetch(`${base}/wrong-output`);
    const body = (await res.json()) as { code: string; message: string; data: { details: { ref: string } } };
    expect(res.status).toBe(500);
    expect(body.code).toBe('INTERNAL');
    expect(body.message).toContain(`(ref ${body.data.details.ref})`);
    expect(log.withRef(body.data.details.ref)).toHaveLength(1);
  });

  it('treats an answer that cannot be encoded as a bug, named by its procedure', async () => {
    const res = await fetch(`${base}/unencodable`);
    const body = (await res.json()) as { code: string; message: string; data: { details: { ref: string } } };
    expect({ status: res.status, code: body.code }).toEqual({ status: 500, code: 'INTERNAL' });
    expect(body.message).not.toMatch(/SQLITE|malformed/);
    expect(log.withRef(body.data.details.ref)).toEqual([expect.objectContaining({ fields: expect.objectContaining({ procedure: 'unencodable (encoding its answer)' }) })]);
  });

  it('answers a body that is not JSON 400 INVALID_INPUT, and logs nothing', async () => {
    const before = log.entries.length;
    const broken = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"amount": 1,' });
    expect(await broken.json()).toMatchObject({ code: 'INVALID_INPUT', status: 400, message: 'The request could not be read; send JSON with the header content-type: application/json' });
    expect(log.entries.length).toBe(before);
  });
});

describe('the error interceptor on a stream', () => {
  it('turns an error raised mid-stream into INTERNAL with a ref, after the values already sent', async () => {
    const { port1, port2 } = new MessageChannel();
    new RPCHandler(router, errorInterceptors(log)).upgrade(port2, { context: {} });
    port1.start();
    const client: RouterClient<typeof router> = createORPCClient(new RPCLink({ port: port1 }));
    const received: number[] = [];
    const error = await (async () => {
      for await (const value of await client.stream()) received.push(value);
    })().then(() => null, (e: unknown) => e);
    port1.close();

    expect(received).toEqual([1]);
    expect(error).toBeInstanceOf(ORPCError);
    const { code, message } = error as ORPCError<string, unknown>;
    const ref = /\(ref ([0-9a-f]{6})\)/.exec(message)?.[1];
    expect(code).toBe('INTERNAL');
    expect(message).not.toMatch(/SQLITE|trader|locked/);
    expect(log.withRef(ref!)).toEqual([expect.objectContaining({ fields: expect.objectContaining({ procedure: 'stream', error: expect.objectContaining({ message: expect.stringContaining('database is locked') }) }) })]);
  });
});
