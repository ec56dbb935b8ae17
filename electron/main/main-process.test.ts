import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../engine/testing/temp-dir.ts';
import { PORT_CHANNEL } from '../../shared/ipc.ts';

// The real module tries to download the Electron binary; these tests need only its shapes.
vi.mock('electron', () => ({}));

const { windowOptions } = await import('./window-options.ts');
const { guardNavigation, isTrustedSender } = await import('./navigation-guard.ts');
const { serveAppRequest, APP_ENTRY } = await import('./app-protocol.ts');
const { relayPortsToEngine } = await import('./rpc-bridge.ts');

describe('window options', () => {
  it('isolates and sandboxes the renderer with no Node access', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({ preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });

  it('gives developer tools to development builds only', () => {
    expect(windowOptions('/p.cjs').webPreferences?.devTools).toBe(false);
    expect(windowOptions('/p.cjs', true).webPreferences?.devTools).toBe(true);
  });
});

function fakeContents() {
  const handlers: Record<string, (event: { preventDefault(): void }, url: string) => void> = {};
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, handler: (event: { preventDefault(): void }, url: string) => void) => (handlers[name] = handler),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  };
  const navigate = (name: string, url: string) => {
    const event = { prevented: false, preventDefault() {
      this.prevented = true;
    } };
    handlers[name]?.(event, url);
    return event.prevented;
  };
  return { contents, navigate, open: (url: string) => openHandler?.({ url }) };
}

describe('navigation guard', () => {
  it('keeps the window on the app and sends https links to the browser', () => {
    const opened: string[] = [];
    const { contents, navigate, open } = fakeContents();
    guardNavigation(contents as never, (url) => opened.push(url));
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(navigate('will-navigate', `${APP_ENTRY}#bots`)).toBe(false);
    expect(open('https://www.tradingview.com/')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.tradingview.com/']);
  });

  it('trusts only the app top frame', () => {
    expect(isTrustedSender({ url: APP_ENTRY, parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: APP_ENTRY, parent: {} as never })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('app:// protocol', () => {
  it('serves built files with the CSP and refuses paths outside the folder', async () => {
    const dir = tempDir();
    const ui = join(dir, 'renderer');
    mkdirSync(ui);
    writeFileSync(join(ui, 'index.html'), '<html>app</html>');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    const page = await serveAppRequest(ui, APP_ENTRY);
    expect(await page.text()).toBe('<html>app</html>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await serveAppRequest(ui, 'app://stoxrobot/..%2fsecret.txt')).status).toBe(403);
    expect((await serveAppRequest(ui, 'app://other/index.html')).status).toBe(404);
    expect((await serveAppRequest(ui, 'app://stoxrobot/missing.js')).status).toBe(404);
  });
});

describe('RPC bridge', () => {
  function bridge() {
    let listener: ((event: unknown) => void) | undefined;
    const ipc = { on: (channel: string, fn: (event: unknown) => void) => (channel === PORT_CHANNEL ? (listener = fn) : undefined) };
    const handedOver: unknown[] = [];
    relayPortsToEngine(ipc as never, (port) => handedOver.push(port));
    const port = { close: vi.fn(), start: vi.fn(), on: vi.fn(), postMessage: vi.fn() };
    return { send: (url: string, parent: unknown = null) => listener?.({ ports: [port], senderFrame: { url, parent } }), port, handedOver };
  }

  it('closes a port sent from a foreign frame without handing it to the engine', () => {
    const { send, port, handedOver } = bridge();
    send('https://evil.example/');
    send(APP_ENTRY, {});
    expect(port.close).toHaveBeenCalledTimes(2);
    expect(handedOver).toEqual([]);
  });

  it('hands a port sent from the app straight to the engine, unread', () => {
    const { send, port, handedOver } = bridge();
    send(APP_ENTRY);
    expect(handedOver).toEqual([port]);
    expect(port.close).not.toHaveBeenCalled();
    expect(port.on).not.toHaveBeenCalled();
  });
});
