import { backtestCommand } from './backtest-command.ts';
import { BACKTEST_USAGE } from './backtest-args.ts';

const USAGE = `Usage: npm run cli -- <command> [options]
Commands:
  backtest   test a strategy on stored candles or a CSV file

${BACKTEST_USAGE}`;

/** Exit codes: 0 done, 2 a wrong command line or input (the message says what), 1 a bug. */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'backtest') {
    console.error(`Unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  const result = await backtestCommand(rest);
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
