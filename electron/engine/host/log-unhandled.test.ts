import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { logUnhandled } from './log-unhandled.ts';

describe('the host’s safety net', () => {
  it('logs an unhandled rejection and keeps running; logs an uncaught exception and exits 1', () => {
    const events = new EventEmitter();
    const logged: { message: string; fields: Record<string, unknown> | undefined }[] = [];
    const exits: number[] = [];
    const record = (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields });
    logUnhandled(events, { info: record, warn: record, error: record }, (code) => exits.push(code));
    const reason = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    events.emit('unhandledRejection', reason);
    expect(exits).toEqual([]);
    events.emit('uncaughtException', new Error('boom'));
    expect(exits).toEqual([1]);
    expect(logged.map((l) => [l.message, (l.fields?.error as Error).message])).toEqual([
      ['Unhandled promise rejection (a bug); the engine keeps running', 'database or disk is full'],
      ['Uncaught exception (a bug); the engine stops', 'boom'],
    ]);
  });
});
