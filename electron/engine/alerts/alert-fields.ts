import { z } from 'zod';
import type { PriceLevel } from '../../../shared/domain/webhook.ts';
import { maskSecrets } from './mask-secrets.ts';

/** How a rejected value is shown back: short, printable, never the whole payload nor a secret nested in it. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(maskSecrets(value)) ?? String(value);
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A number, or a number as TradingView renders a placeholder inside quotes ("65000.5"). */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC.test(value.trim())) {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

const MAX_VALUE = 1e12;

export const positiveNumber = (field: string) =>
  z.unknown().transform((value, ctx) => {
    const n = toNumber(value);
    if (n === null || n <= 0 || n > MAX_VALUE) {
      ctx.addIssue({ code: 'custom', message: `${field} must be a positive number, got '${show(value)}'` });
      return z.NEVER;
    }
    return n;
  });

export const signedNumber = (field: string) =>
  z.unknown().transform((value, ctx) => {
    const n = toNumber(value);
    if (n === null || Math.abs(n) > MAX_VALUE) {
      ctx.addIssue({ code: 'custom', message: `${field} must be a number, got '${show(value)}'` });
      return z.NEVER;
    }
    return n;
  });

const required = (field: string, value: unknown, ctx: z.RefinementCtx): boolean => {
  if (value !== undefined) return false;
  ctx.addIssue({ code: 'custom', message: `${field} is required` });
  return true;
};

/** `secret`: the value is never repeated in the message (it would reach the log and the reply). */
export const text = (field: string, max: number, secret = false) =>
  z.unknown().transform((value, ctx) => {
    if (required(field, value, ctx)) return z.NEVER;
    const t = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof t !== 'string' || t.trim() === '' || t.length > max) {
      ctx.addIssue({ code: 'custom', message: `${field} must be text of 1 to ${max} characters${secret ? '' : `, got '${show(value)}'`}` });
      return z.NEVER;
    }
    return t.trim();
  });

export const oneOf = <T extends string>(field: string, values: readonly T[], aliases: Record<string, T> = {}) =>
  z.unknown().transform((value, ctx) => {
    if (required(field, value, ctx)) return z.NEVER;
    const key = typeof value === 'string' ? value.trim().toLowerCase() : '';
    // Own keys only: 'constructor' or '__proto__' must not find Object.prototype's members.
    const found = values.find((v) => v === key) ?? (Object.hasOwn(aliases, key) ? aliases[key] : undefined);
    if (!found) {
      ctx.addIssue({ code: 'custom', message: `${field} must be one of ${values.join(', ')}, got '${show(value)}'` });
      return z.NEVER;
    }
    return found;
  });

/** A stop-loss or take-profit: a price (65000), or a distance from the entry in percent ("2%"). */
export const priceLevel = (field: string) =>
  z.unknown().transform((value, ctx): PriceLevel => {
    if (typeof value === 'string' && value.trim().endsWith('%')) {
      const pct = toNumber(value.trim().slice(0, -1));
      if (pct !== null && pct > 0 && pct < 100) return { percent: pct };
    } else {
      const price = toNumber(value);
      if (price !== null && price > 0 && price <= MAX_VALUE) return { price };
    }
    ctx.addIssue({ code: 'custom', message: `${field} must be a price or a percent such as '2%', got '${show(value)}'` });
    return z.NEVER;
  });

/** `{{timenow}}` renders ISO 8601 ("2026-11-23T14:05:00Z"); scripts often send epoch milliseconds. */
export const timestamp = (field: string) =>
  z.unknown().transform((value, ctx) => {
    const n = toNumber(value);
    const ms = n !== null ? (n < 1e11 ? n * 1000 : n) : typeof value === 'string' && value.length <= 40 ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(ms) || ms < 0 || ms > 8.64e15) {
      ctx.addIssue({ code: 'custom', message: `${field} must be an ISO date or epoch milliseconds, got '${show(value)}'` });
      return z.NEVER;
    }
    return ms;
  });
