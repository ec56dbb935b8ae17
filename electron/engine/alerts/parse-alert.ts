import { createHash } from 'node:crypto';
import { z } from 'zod';
import { text } from './alert-fields.ts';
import { type ParsedAlert, validateAlert } from './alert-schema.ts';
import { isSecretKey, maskSecrets, redact, secretValues } from './mask-secrets.ts';

type Fields = Record<string, unknown>;
type ReadBody = { ok: true; form: 'json' | 'lines'; fields: Fields } | { ok: false; reason: string };

/** Stored bodies are cut here: room for any real alert, while junk cannot fill the disk 8 KB at a time. */
export const MAX_STORED_CHARS = 1_000;

/**
 * Where JSON.parse stopped, without its own message: V8 quotes the first characters of the text,
 * which may be the passphrase.
 */
function whereJsonBroke(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const at = /^(.*) in JSON at position \d+ \(line (\d+) column (\d+)\)$/.exec(message);
  // V8's fixed phrases ("Expected ',' or '}' after property value") are kept; one quoting the input is not.
  const what = at?.[1] && !/token|"/.test(at[1]) ? `${at[1].toLowerCase()} ` : '';
  if (at) return ` (${what}at line ${at[2]}, column ${at[3]})`;
  return /end of JSON input/.test(message) ? ' (it ends before the JSON is complete)' : '';
}

/**
 * The fields of a body. TradingView sends valid JSON as application/json and anything else as
 * text/plain, so a body that opens with `{` must be valid JSON; any other body is read as
 * `key=value` lines (keys lower-cased).
 */
function readFields(body: string): ReadBody {
  const trimmed = body.trim();
  if (trimmed === '') return { ok: false, reason: 'The alert message is empty' };
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      return { ok: false, reason: `The message looks like JSON but is not valid JSON${whereJsonBroke(error)}; check its quotes, commas and braces` };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'The JSON message must be an object' };
    return { ok: true, form: 'json', fields: parsed as Fields };
  }
  const fields: Fields = Object.create(null);
  // Every line break there is, not only \n: a body split by \r alone would be one line, its passphrase unmasked.
  for (const [index, line] of trimmed.split(/\r\n|[\r\n\v\f\u0085\u2028\u2029]/).entries()) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, reason: `Line ${index + 1} is not key=value` };
    // defineProperty, not assignment: a key named __proto__ stays a plain field.
    Object.defineProperty(fields, line.slice(0, eq).trim().toLowerCase(), { value: line.slice(eq + 1).trim(), enumerable: true, configurable: true, writable: true });
  }
  return { ok: true, form: 'lines', fields };
}

/** Reads an alert body. Never throws: every outcome is a command or a reason. */
export function parseAlert(body: string): ParsedAlert {
  const read = readFields(body);
  if (!read.ok) return read;
  const parsed = validateAlert(read.fields);
  return parsed.ok ? parsed : { ok: false, reason: redact(parsed.reason, secretValues(read.fields)) };
}

const CredentialsSchema = z.object({ passphrase: text('passphrase', 256, true), bot: text('bot', 80) });

/** Just who the alert says it is from, read the way the full parser reads it; null when either is missing. */
export function readCredentials(body: string): { bot: string; passphrase: string } | null {
  const read = readFields(body);
  if (!read.ok) return null;
  const credentials = CredentialsSchema.safeParse(read.fields);
  return credentials.success ? credentials.data : null;
}

/**
 * The body as it may be stored and shown: re-written from the parsed fields with every secret
 * masked, however the key was spelled (escapes, case, duplicates, nesting), and cut to
 * MAX_STORED_CHARS. A body that cannot be parsed could hide the secret anywhere, so only its size
 * and a short digest are kept.
 */
export function maskPassphrase(body: string): string {
  const read = readFields(body);
  const bytes = Buffer.byteLength(body);
  if (!read.ok) return `[${bytes} bytes, not readable as an alert; not stored; SHA-256 ${createHash('sha256').update(body).digest('hex').slice(0, 16)}]`;
  const shown =
    read.form === 'json'
      ? JSON.stringify(maskSecrets(read.fields))
      : Object.entries(read.fields)
          .map(([key, value]) => `${key}=${isSecretKey(key) ? '***' : String(value)}`)
          .join('\n');
  const safe = redact(shown, secretValues(read.fields));
  return safe.length > MAX_STORED_CHARS ? `${safe.slice(0, MAX_STORED_CHARS)}… (${bytes} bytes received)` : safe;
}
