import type { BotConfig } from '../shared/domain/bot.ts';
import { E2E_TOKEN } from './serve-process.ts';

/** The host's REST API, for arranging a scene quickly; the test then drives the UI. */
export function api(hostUrl: string) {
  const base = new URL(hostUrl).origin;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${E2E_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    createBot: (config: Partial<BotConfig> & { name: string }) =>
      call<{ id: string }>('POST', '/bots', { symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 5 }, orderQty: 0.01, account: 'paper', ...config }),
    start: (id: string) => call('POST', `/bots/${id}/start`, {}),
    setSpeed: (candlesPerSecond: number) => call('PUT', '/market/speed', { candlesPerSecond }),
    sendTestAlert: (message: object) => call<{ statusCode: number; body: string }>('POST', '/webhooks/test', { message: JSON.stringify(message) }),
  };
}
