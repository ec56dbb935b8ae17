import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temp folder per call, removed after the test: tests run on real SQLite files. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-test-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2026, 0, 5, 12, 0, 0)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}
