/** Keys whose value is a secret however they are spelled: passphrase, PassPhrase, pass_phrase, password, api_key... */
export function isSecretKey(key: string): boolean {
  const plain = key.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]/g, '');
  return /pass|secret|token|apikey/.test(plain);
}

/** Deeper than this, a value is dropped rather than walked: no alert nests, and a hostile one must not exhaust the stack. */
const MAX_DEPTH = 16;

/**
 * A copy of a parsed value with every secret-named key's value replaced, at any depth. It works on
 * the parsed object, so escapes (`"pass\u0070hrase"`) and duplicate keys were resolved by the parser.
 */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1));
  const masked: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // defineProperty, not assignment: a key named __proto__ stays a plain field.
    Object.defineProperty(masked, key, { value: isSecretKey(key) ? '***' : maskSecrets(item, depth + 1), enumerable: true, configurable: true, writable: true });
  }
  return masked;
}

/** Shorter values are not looked for elsewhere: masking every "buy" would hide the alert itself. */
const MIN_SECRET_LENGTH = 4;

/** The values held under secret-named keys, at any depth: what must not appear anywhere else either. */
export function secretValues(value: unknown, depth = 0): string[] {
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return [];
  const found: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (isSecretKey(key) && (typeof item === 'string' || typeof item === 'number')) found.push(String(item));
    else found.push(...secretValues(item, depth + 1));
  }
  return found;
}

/** `text` with every occurrence of a secret replaced: a passphrase pasted into another field too is not quoted back. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH).reduce((out, secret) => out.split(secret).join('***'), text);
}
