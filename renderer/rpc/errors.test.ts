import { ORPCError } from '@orpc/client';
import { describe, expect, it, vi } from 'vitest';
import { WebhookSettingsSchema } from '../../shared/domain/webhook.ts';
import { errorMessage, fieldErrors, UNREACHABLE_MESSAGE } from './errors.ts';

describe('renderer error messages', () => {
  it('shows the engine’s own message, the INTERNAL one with its ref included', () => {
    const internal = new ORPCError('INTERNAL', { status: 500, message: 'Something went wrong in the engine (ref 7f3a2c); the details are in the log', data: { issues: [], details: { ref: '7f3a2c' } } });
    expect(errorMessage(internal)).toBe('Something went wrong in the engine (ref 7f3a2c); the details are in the log');
    expect(errorMessage(new ORPCError('CONFLICT', { status: 409, message: 'Stop the bot before deleting it' }))).toBe('Stop the bot before deleting it');
  });

  it('replaces a transport failure’s own text with a plain sentence', () => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => {});
    expect(errorMessage(new Error('[AsyncIdQueue] Queue[0] was closed or aborted while waiting for pulling.'))).toBe(UNREACHABLE_MESSAGE);
    expect(errorMessage('socket hang up')).toBe(UNREACHABLE_MESSAGE);
    expect(console).toHaveBeenCalledTimes(2);
    console.mockRestore();
  });

  it('keys field issues by dotted path, first message per field', () => {
    const error = new ORPCError('INVALID_INPUT', { status: 400, data: { issues: [{ path: ['strategy', 'slow'], message: 'Must be above fast' }, { path: ['strategy', 'slow'], message: 'second' }, { path: [], message: 'whole form' }] } });
    expect(fieldErrors(error)).toEqual({ 'strategy.slow': 'Must be above fast', '': 'whole form' });
  });
});

const labels = { host: 'Address', port: 'Port', maxAgeSeconds: 'Maximum age', rateLimitPerSecond: 'Requests per second', rateLimitBurst: 'Burst' };

describe('field errors in plain words', () => {
  it('names the field and the limit instead of zod’s generic wording', () => {
    const parsed = WebhookSettingsSchema.safeParse({ host: '', port: Number('abc'), maxAgeSeconds: 1.5, allowTradingViewIpsOnly: true, rateLimitPerSecond: 0, rateLimitBurst: 1e9 });
    expect(parsed.success).toBe(false);
    expect(fieldErrors({ data: { issues: parsed.error?.issues } }, labels)).toEqual({
      host: 'Address is required',
      port: 'Port must be a number',
      maxAgeSeconds: 'Maximum age must be a whole number',
      rateLimitPerSecond: 'Requests per second must be at least 0.1',
      rateLimitBurst: 'Burst must be at most 100,000',
    });
  });

  it('says a missing number is required, and keeps a schema’s own message', () => {
    const parsed = WebhookSettingsSchema.safeParse({ host: 'x', maxAgeSeconds: 1, allowTradingViewIpsOnly: true, rateLimitPerSecond: 1, rateLimitBurst: 1 });
    expect(fieldErrors({ data: { issues: parsed.error?.issues } }, labels)).toEqual({ port: 'Port is required' });
    expect(fieldErrors({ data: { issues: [{ path: ['slow'], code: 'custom', message: 'Slow period must be greater than the fast period' }] } }, { slow: 'Slow period' })).toEqual({ slow: 'Slow period must be greater than the fast period' });
  });
});
