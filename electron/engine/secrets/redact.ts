import type { Credentials } from '../venues/exchange.ts';

/**
 * Text from outside (an exchange's error, a library's message) with every credential value in it
 * replaced: some exchanges echo the key they were sent. Values under 4 characters are left alone
 * (they would blank out ordinary words) and cannot identify a key anyway.
 */
export function redact(text: string, credentials: Credentials): string {
  let out = text;
  for (const value of Object.values(credentials)) {
    if (value.length >= 4) out = out.split(value).join('[redacted]');
  }
  return out;
}
