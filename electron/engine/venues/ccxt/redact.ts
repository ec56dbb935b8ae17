import type { Credentials } from '../exchange.ts';

const REDACTED = '[redacted]';

/**
 * Library text made safe to show and log. ccxt error messages can carry the request URL with its
 * query (signature, timestamp) and, in verbose mode, headers with the API key: every credential
 * value is cut out, signatures and key headers are masked, and query strings are dropped.
 */
export function redact(text: string, credentials: Credentials = {}): string {
  let out = text;
  for (const value of Object.values(credentials)) {
    if (value.length >= 4) out = out.split(value).join(REDACTED);
  }
  return out
    .replace(/(https?:\/\/[^\s?"']+)\?[^\s"']*/g, '$1')
    .replace(/(signature|apiKey|api_key|secret|password|passphrase|sign)=[^&\s"']*/gi, `$1=${REDACTED}`)
    .replace(/("?(?:X-MBX-APIKEY|OK-ACCESS-KEY|OK-ACCESS-SIGN|OK-ACCESS-PASSPHRASE|api-key|apikey|authorization)"?\s*[:=]\s*)"?[^\s",}]+"?/gi, `$1${REDACTED}`);
}
