// `npm test`: every check in order, then one closing line `N passed, N failed` (what CI reads).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = 'test-results';
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

let passed = 0;
let failed = 0;

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  if (!ok) console.log(`✗ ${label} failed (exit ${result.status ?? result.signal})`);
  return ok;
}

/** A static check counts as one test. */
function check(label: string, command: string, args: string[]): void {
  if (run(label, command, args)) passed += 1;
  else failed += 1;
}

/** A test runner counts its own tests from its JSON report; a crash without a report is one failure. */
function suite(label: string, command: string, args: string[], report: string, count: (json: any) => { passed: number; failed: number }): void {
  const ok = run(label, command, args);
  if (!existsSync(report)) {
    failed += 1;
    return;
  }
  const counted = count(JSON.parse(readFileSync(report, 'utf8')));
  passed += counted.passed;
  failed += counted.failed + (!ok && counted.failed === 0 ? 1 : 0);
}

check('typecheck (engine, hosts, shared)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('typecheck (renderer)', 'npx', ['tsc', '--noEmit', '-p', 'renderer/tsconfig.json']);
check('import rules', 'npx', ['depcruise', 'electron', 'renderer', 'shared', '--config', '.dependency-cruiser.cjs']);
const built = run('build (renderer, Electron main and preload)', 'npm', ['run', 'build']);
if (built) passed += 1;
else failed += 1;

suite('unit and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${RESULTS}/vitest.json`], `${RESULTS}/vitest.json`, (json) => ({
  passed: json.numPassedTests,
  failed: json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0),
}));

if (built) {
  suite('end to end (Chromium)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], `${RESULTS}/e2e-results.json`, (json) => ({
    passed: json.stats.expected + json.stats.flaky,
    failed: json.stats.unexpected,
  }));
} else {
  failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
