import { type ParsedAlert, validateAlert } from './alert-schema.ts';

/**
 * Reads an alert body. TradingView sends valid JSON as application/json and anything else as
 * text/plain, so a body that opens with `{` must be valid JSON; any other body is read as
 * `key=value` lines. Never throws: every outcome is a command or a reason.
 */
export function parseAlert(body: string): ParsedAlert {
  const trimmed = body.trim();
  if (trimmed === '') return { ok: false, reason: 'The alert message is empty' };
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      // V8's message quotes the body around the fault, a passphrase included: only the position is kept.
      const at = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
      return { ok: false, reason: `The message looks like JSON but is not valid JSON${at ? ` (at character ${Number(at) + 1})` : ''}; check its quotes, commas and braces` };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'The JSON message must be an object' };
    return validateAlert(parsed as Record<string, unknown>);
  }
  const fields: Record<string, unknown> = Object.create(null);
  const lines = trimmed.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, reason: `Line ${index + 1} is not key=value` };
    // defineProperty, not assignment: a key named __proto__ stays a plain field.
    Object.defineProperty(fields, line.slice(0, eq).trim().toLowerCase(), { value: line.slice(eq + 1).trim(), enumerable: true, configurable: true, writable: true });
  }
  return validateAlert(fields);
}

/** The body as logged: every passphrase value replaced, in JSON or key=value form, valid or not. */
export function maskPassphrase(body: string): string {
  return body
    .replace(/("passphrase"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi, '$1***$3')
    .replace(/("passphrase"\s*:\s*)([^\s",}][^,}\n]*)/gi, '$1"***"')
    .replace(/^(\s*passphrase\s*=).*$/gim, '$1***');
}
