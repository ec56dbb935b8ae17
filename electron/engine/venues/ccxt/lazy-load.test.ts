import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs `body` in a fresh Node that reports `ccxt loaded: true|false` when it imports ccxt (module hooks see every import). */
function ccxtLoaded(body: string): string {
  const script = `
    import { registerHooks } from 'node:module';
    let loaded = false;
    registerHooks({ resolve(specifier, context, next) { if (specifier === 'ccxt' || specifier.startsWith('ccxt/')) loaded = true; return next(specifier, context); } });
    const { createCcxtConnector } = await import(${JSON.stringify(new URL('./connector.ts', import.meta.url).href)});
    const connector = createCcxtConnector({ logger: { info() {}, warn() {}, error() {} } });
    ${body}
    console.log('ccxt loaded: ' + loaded);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return run.stdout.trim() || run.stderr;
}

describe('ccxt stays off the start-up path', () => {
  it('is not imported when the connector is created, only on first use', () => {
    expect(ccxtLoaded('')).toBe('ccxt loaded: false');
    expect(ccxtLoaded('await connector.catalogue();')).toBe('ccxt loaded: true');
  }, 30_000);
});
