import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestKeyring {
  /** The environment a process needs to reach this keyring (libsecret reads DBUS_SESSION_BUS_ADDRESS when it first connects). */
  env: NodeJS.ProcessEnv;
  address: string;
  /** Locks the "login" collection, as a screen lock would: reads answer nothing, writes are refused. */
  lock(): Promise<void>;
  stop(): Promise<void>;
}

/** The environment of a process with no D-Bus session at all (a headless server): libsecret cannot autolaunch one. */
export function noSessionEnv(): NodeJS.ProcessEnv {
  const { DBUS_SESSION_BUS_ADDRESS: _bus, DISPLAY: _display, WAYLAND_DISPLAY: _wayland, ...rest } = process.env;
  return rest;
}

/**
 * A real gnome-keyring in a private D-Bus session with private XDG folders: `unlock` gives it an
 * unlocked "login" collection (as a desktop login does); without it the keyring has no collection.
 * Both daemons are this process's children (no fork), stopped and their folder removed by `stop`.
 */
export async function startKeyring(options: { unlock: boolean } = { unlock: true }): Promise<TestKeyring> {
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-keyring-'));
  const xdg = { HOME: dir, XDG_DATA_HOME: join(dir, 'share'), XDG_RUNTIME_DIR: join(dir, 'run'), XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache') };
  for (const folder of Object.values(xdg)) mkdirSync(folder, { recursive: true, mode: 0o700 });
  const base = { ...noSessionEnv(), ...xdg };
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { env: base, stdio: ['ignore', 'pipe', 'ignore'] });
  const children: ChildProcess[] = [bus];
  const stop = async () => {
    for (const child of children.reverse()) await ended(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const address = await firstLine(bus);
    const env = { ...base, DBUS_SESSION_BUS_ADDRESS: address };
    const args = ['--foreground', ...(options.unlock ? ['--unlock'] : []), '--components=secrets'];
    const keyring = spawn('gnome-keyring-daemon', args, { env, stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(keyring);
    // With --unlock the daemon reads the login keyring's password from stdin.
    keyring.stdin?.end(options.unlock ? 'test-password' : '');
    await waitFor(() => (options.unlock ? collectionUnlocked(env) : nameOwned(env)));
    const lock = async () => {
      await dbusSend(env, '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', 'array:objpath:/org/freedesktop/secrets/collection/login');
    };
    return { env, address, lock, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function dbusSend(env: NodeJS.ProcessEnv, path: string, method: string, ...args: string[]) {
  return run('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.secrets', path, method, ...args], { env });
}

async function nameOwned(env: NodeJS.ProcessEnv): Promise<boolean> {
  const { stdout } = await run('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'], { env });
  return stdout.includes('boolean true');
}

async function collectionUnlocked(env: NodeJS.ProcessEnv): Promise<boolean> {
  if (!(await nameOwned(env))) return false;
  const locked = await dbusSend(env, '/org/freedesktop/secrets/collection/login', 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked').catch(() => null);
  return locked?.stdout.includes('boolean false') ?? false;
}

async function waitFor(ready: () => Promise<boolean>, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The test keyring did not come up within 10 s');
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const newline = text.indexOf('\n');
      if (newline >= 0) resolve(text.slice(0, newline).trim());
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
}

async function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
