import { fail, ok, type Result } from '../../../../shared/errors.ts';

/** ccxt's credential fields: they come from the keychain only, never from the options JSON. */
export const CREDENTIAL_FIELDS = ['apiKey', 'secret', 'uid', 'login', 'password', 'twofa', 'privateKey', 'walletAddress', 'token'] as const;

// Keys that would carry a secret into the options (stored in SQLite in clear) or pollute prototypes.
// `headers` can hold an API key; `verbose` makes ccxt print requests with their key headers.
const FORBIDDEN = new Set([...CREDENTIAL_FIELDS.map((k) => k.toLowerCase()), 'passphrase', 'headers', 'verbose', '__proto__', 'constructor', 'prototype']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

function check(value: unknown, path: string[]): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path.join('.')} must be a finite number`;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = check(item, [...path, String(i)]);
      if (problem) return problem;
    }
    return null;
  }
  if (!isPlainObject(value)) return `${path.join('.') || 'the options'} must be plain JSON`;
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN.has(key.toLowerCase())) {
      return `"${[...path, key].join('.')}" is not allowed in the ccxt options: keys and secrets go in the credential fields, which are kept in the OS keychain`;
    }
    const problem = check(item, [...path, key]);
    if (problem) return problem;
  }
  return null;
}

/** The trader's advanced ccxt options, checked: a plain JSON object with no secrets in it. */
export function validateAccountOptions(options: unknown): Result<Record<string, unknown>> {
  if (!isPlainObject(options)) return fail('INVALID_INPUT', 'The ccxt options must be a JSON object, like {"options": {"defaultType": "spot"}}');
  const problem = check(options, []);
  return problem ? fail('INVALID_INPUT', problem, [{ path: ['options'], message: problem }]) : ok(options);
}

/** `over` merged into `base`, objects key by key, anything else replaced. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}
