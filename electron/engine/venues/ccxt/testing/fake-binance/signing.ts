import { createHmac, timingSafeEqual } from 'node:crypto';
import { BinanceError } from './book.ts';

export type FakeKeys = {
  apiKey: string;
  secret: string;
};

/**
 * Checks a signed request as Binance does: the X-MBX-APIKEY header names the key; the signature is
 * HMAC-SHA256 (hex) over the query string followed by the body, without the signature itself; the
 * timestamp lies within recvWindow (default 5000 ms, at most 60000) of the server's clock.
 */
export function verifySigned(keys: FakeKeys, apiKeyHeader: string | undefined, rawQuery: string, rawBody: string, now: number): URLSearchParams {
  if (apiKeyHeader !== keys.apiKey) throw new BinanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.');
  const total = rawQuery + rawBody;
  const match = /(^|&)signature=([0-9a-fA-F]*)/.exec(total);
  if (!match) throw new BinanceError(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
  const payload = total.slice(0, match.index) + total.slice(match.index + match[0].length);
  const expected = createHmac('sha256', keys.secret).update(payload).digest();
  const given = Buffer.from(match[2] ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new BinanceError(400, -1022, 'Signature for this request is not valid.');
  const params = new URLSearchParams(payload);
  const timestamp = Number(params.get('timestamp'));
  const recvWindow = Number(params.get('recvWindow') ?? 5000);
  if (!Number.isFinite(timestamp) || recvWindow > 60_000 || timestamp >= now + 1000 || now - timestamp > recvWindow) {
    throw new BinanceError(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
  }
  return params;
}
