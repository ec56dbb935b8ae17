import { isIP } from 'node:net';

/** On every answer, API and pages alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // JSON never needs to load anything; pages replace this with their own policy.
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

export interface RequestTarget {
  /** As sent (still percent-encoded): what routes match on. */
  pathname: string;
  /** Percent-decoded: what files are looked up by. */
  decodedPath: string;
  query: URLSearchParams;
}

/**
 * The request target, read without `new URL()` (which throws on targets such as `//[`); null when
 * it is not a plain path or its percent-encoding is malformed (`/%E0%A4%A`): a 400, not a 500.
 */
export function requestTarget(url: string | undefined): RequestTarget | null {
  const raw = url ?? '/';
  if (!raw.startsWith('/')) return null;
  const q = raw.indexOf('?');
  const pathname = q === -1 ? raw : raw.slice(0, q);
  try {
    return { pathname, decodedPath: decodeURIComponent(pathname), query: new URLSearchParams(q === -1 ? '' : raw.slice(q + 1)) };
  } catch {
    return null;
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** `name:port`, `[v6]:port` or a bare name, lower-cased, without its port; null when absent. */
function hostnameOf(host: string | undefined): string | null {
  if (!host) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  const name = bracketed?.[1] ?? host.replace(/:\d+$/, '');
  return name.toLowerCase();
}

/**
 * DNS rebinding: a page on evil.example whose name is then pointed at 127.0.0.1 reaches this port
 * with `Host: evil.example`, as the same origin as its own page. Only loopback names, the host we
 * listen on, and address literals (a rebinding needs a name) are served.
 */
export function hostAllowed(host: string | undefined, listenHost: string): boolean {
  const name = hostnameOf(host);
  if (name === null) return false;
  return LOOPBACK_NAMES.has(name) || name === listenHost.toLowerCase() || isIP(name) !== 0;
}

/**
 * A browser sends the origin of the page that opens a WebSocket, and sends it on every page: a
 * page elsewhere must not drive the engine even if it has the token. Only our own origin (the one
 * in the Host header, already checked) may; a client that is not a browser sends no Origin.
 */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  return host !== undefined && (origin.toLowerCase() === `http://${host.toLowerCase()}` || origin.toLowerCase() === `https://${host.toLowerCase()}`);
}
