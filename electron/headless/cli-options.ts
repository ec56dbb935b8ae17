import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface CliOptions {
  dataDir: string;
  host: string;
  port: number;
  token: string | null;
  /** Overrides the stored webhook listener port for this run. */
  webhookPort: number | null;
}

export const DEFAULT_PORT = 5180;

const USAGE = `Usage: npm run serve -- [--data DIR] [--port N] [--host ADDRESS]
  --data DIR      where the database lives (default ~/.stoxrobot)
  --port N        HTTP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS  address to listen on (default 127.0.0.1; anything else exposes your bots)
  --webhook-port N  TradingView webhook listener port (default: as set in the app, 8788)
  STOXROBOT_TOKEN fixes the access token (default: a new random one each start)`;

/** Parses the command line; a wrong option is an error with the usage text, never a silent default. */
export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: { data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'webhook-port': { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const port = portOption('--port', values.port) ?? DEFAULT_PORT;
  const webhookPort = portOption('--webhook-port', values['webhook-port']);
  const token = env.STOXROBOT_TOKEN?.trim() || null;
  if (token !== null && token.length < 16) throw new Error('STOXROBOT_TOKEN must be at least 16 characters');
  return { dataDir: values.data ?? join(homedir(), '.stoxrobot'), host: values.host ?? '127.0.0.1', port, token, webhookPort };
}

function portOption(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`${name} must be a whole number from 0 to 65535, got '${value}'\n${USAGE}`);
  return port;
}
