import { describe, expect, it } from 'vitest';
import { classifyStartupError, describeStartupFailure, type StartupFailureKind } from './startup-failure.ts';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('start-up failure classification', () => {
  it.each([
    [sqliteError('SQLITE_BUSY', 'database is locked'), 'database-locked'],
    [sqliteError('SQLITE_NOTADB', 'file is not a database'), 'database-corrupt'],
    [sqliteError('SQLITE_CORRUPT_INDEX', 'database disk image is malformed'), 'database-corrupt'],
    [sqliteError('SQLITE_FULL', 'database or disk is full'), 'disk-full'],
    [sqliteError('ENOSPC', 'no space left on device'), 'disk-full'],
    [sqliteError('SQLITE_READONLY_DBMOVED', 'attempt to write a readonly database'), 'no-access'],
    [sqliteError('EACCES', "permission denied, mkdir '/data'"), 'no-access'],
    [sqliteError('EADDRINUSE', 'listen EADDRINUSE: address already in use 127.0.0.1:5180'), 'port-in-use'],
    [new Error('Database migration 2026-11-23-0002-webhooks failed: table x already exists'), 'migration-failed'],
    [new Error('something nobody expected'), 'unknown'],
    ['a thrown string', 'unknown'],
    [null, 'unknown'],
  ] as const)('%s is %s', (error, kind) => {
    expect(classifyStartupError(error).kind).toBe(kind);
  });

  it('keeps the reason the system gave', () => {
    expect(classifyStartupError(sqliteError('SQLITE_NOTADB', 'file is not a database')).detail).toBe('file is not a database');
  });
});

describe('start-up failure wording', () => {
  const kinds: StartupFailureKind[] = ['folder-held', 'database-locked', 'database-corrupt', 'migration-failed', 'disk-full', 'no-access', 'port-in-use', 'unknown'];

  it.each(kinds)('%s says what happened and what to do', (kind) => {
    const text = describeStartupFailure({ kind, detail: 'the reason' }, '/home/trader/.stoxrobot');
    expect(text.title.length).toBeGreaterThan(0);
    expect(text.message).toContain('the reason');
    expect(text.action).toMatch(/^[A-Z].*\.$/);
  });

  it('names the data folder when the files in it are the problem', () => {
    for (const kind of ['database-locked', 'database-corrupt', 'disk-full', 'no-access'] as const) {
      expect(describeStartupFailure({ kind, detail: 'x' }, '/home/trader/.stoxrobot').message).toContain('/home/trader/.stoxrobot');
    }
    expect(describeStartupFailure({ kind: 'migration-failed', detail: 'x' }, '/d').action).toContain('Copy the folder /d somewhere safe');
  });
});
