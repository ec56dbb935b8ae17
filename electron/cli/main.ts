import { backtestCommand } from './backtest-command.ts';
import { BACKTEST_USAGE } from './backtest-args.ts';
import { EXPORT_USAGE } from './export-args.ts';
import { exportCommand } from './export-command.ts';

const USAGE = `Usage: npm run cli -- <command> [options]
Commands:
  backtest   test a strategy on stored candles or a CSV file
  export     write the trade history (or orders, fills, webhook log) to a CSV file

${BACKTEST_USAGE}

${EXPORT_USAGE}`;

/** Ctrl-C during an export cancels it (its temporary file is removed) instead of killing the process mid-write. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}

/** Exit codes: 0 done, 2 a wrong command line or input (the message says what), 1 a bug. */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'backtest' && command !== 'export') {
    console.error(`Unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  const result = command === 'export' ? await exportCommand(rest, interruptSignal()) : await backtestCommand(rest);
  if (!result.ok) {
    console.error(result.error.message);
    return 2;
  }
  console.log(result.value);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`The command failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
