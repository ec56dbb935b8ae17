import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { TrustedProxy } from '../../../shared/domain/webhook.ts';

const plain = (address: string) => address.replace(/^::ffff:/, '');
const isLoopback = (address: string) => address.startsWith('127.') || address === '::1';

/**
 * The sender's address. Behind a local tunnel every request comes from 127.0.0.1, so with a
 * trusted proxy set, the tunnel's header names the sender: the last X-Forwarded-For hop (the one
 * the tunnel itself appended; earlier hops are whatever the sender wrote) or CF-Connecting-IP.
 * The header is believed only from this computer, so a sender reaching the port directly cannot
 * pose as TradingView by writing it.
 */
export function clientAddress(req: IncomingMessage, trustedProxy: TrustedProxy): string {
  const peer = plain(req.socket.remoteAddress ?? 'unknown');
  if (trustedProxy === 'off' || !isLoopback(peer)) return peer;
  const header = req.headers[trustedProxy];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  const last = plain(hops[hops.length - 1]?.trim() ?? '');
  return isIP(last) ? last : peer;
}
