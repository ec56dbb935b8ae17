import { randomBytes } from 'node:crypto';

/**
 * Our order id: time-ordered, unique without coordination, and 24 characters, within every
 * major exchange's client-order-id limit (Binance: 36).
 */
export function newClientOrderId(): string {
  return `sr-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
}

export function newBotId(): string {
  return `bot-${randomBytes(6).toString('hex')}`;
}
