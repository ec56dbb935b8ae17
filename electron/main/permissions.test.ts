import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { denyUnusedPermissions, isPermissionGranted } = await import('./permissions.ts');
const { APP_ENTRY, APP_ORIGIN } = await import('./app-protocol.ts');

describe('web permissions', () => {
  it('grants clipboard writing to the app only, and nothing else to anyone', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', APP_ENTRY)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', APP_ORIGIN)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', undefined)).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb', 'fullscreen', 'unknown']) {
      expect(isPermissionGranted(permission, APP_ENTRY)).toBe(false);
    }
  });

  it('installs handlers that answer requests, checks, devices and screen capture', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (fn: never) => (handlers.request = fn),
      setPermissionCheckHandler: (fn: never) => (handlers.check = fn),
      setDevicePermissionHandler: (fn: never) => (handlers.device = fn),
      setDisplayMediaRequestHandler: (fn: never) => (handlers.display = fn),
    };
    denyUnusedPermissions(session as never);
    const answers: unknown[] = [];
    const request = handlers.request as (c: unknown, p: string, cb: (granted: boolean) => void, d: { requestingUrl: string }) => void;
    request(null, 'media', (granted) => answers.push(granted), { requestingUrl: APP_ENTRY });
    request(null, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: APP_ENTRY });
    expect(answers).toEqual([false, true]);
    const check = handlers.check as (c: unknown, p: string, origin: string) => boolean;
    expect(check(null, 'geolocation', APP_ORIGIN)).toBe(false);
    expect((handlers.device as () => boolean)()).toBe(false);
    const display = handlers.display as (r: unknown, cb: (streams: unknown) => void) => void;
    display({}, (streams) => answers.push(streams));
    expect(answers.at(-1)).toBeNull();
  });
});
