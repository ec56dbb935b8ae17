import { CREDENTIAL_LABELS, type CredentialField } from '../../../shared/domain/account.ts';
import { fail, ok, type FieldIssue, type Result } from '../../../shared/errors.ts';
import { envVariable } from '../secrets/environment-credentials.ts';
import type { Credentials, ExchangeInfo } from '../venues/exchange.ts';

const label = (field: string) => CREDENTIAL_LABELS[field as CredentialField] ?? field;

export function exchangeNamed(catalogue: readonly ExchangeInfo[], exchangeId: string): Result<ExchangeInfo> {
  const exchange = catalogue.find((e) => e.id === exchangeId);
  if (exchange) return ok(exchange);
  const message = `Unknown exchange "${exchangeId}"; pick one from the list`;
  return fail('INVALID_INPUT', message, [{ path: ['exchangeId'], message }]);
}

export function sandboxAllowed(exchange: ExchangeInfo, sandbox: boolean): Result<null> {
  if (!sandbox || exchange.hasSandbox) return ok(null);
  const message = `${exchange.name} has no testnet or sandbox`;
  return fail('INVALID_INPUT', message, [{ path: ['sandbox'], message }]);
}

/** Every field the exchange requires is given (with the form's names); fields it does not ask for are dropped. */
export function requiredCredentials(exchange: ExchangeInfo, given: Credentials): Result<Credentials> {
  const issues: FieldIssue[] = exchange.credentials.filter((f) => !given[f]).map((f) => ({ path: ['credentials', f], message: `${label(f)} is required by ${exchange.name}` }));
  if (issues.length > 0) return fail('INVALID_INPUT', issues.map((i) => i.message).join('; '), issues);
  return ok(Object.fromEntries(exchange.credentials.map((f) => [f, given[f] ?? ''])));
}

/** The same check for keys a headless host read from its environment, naming the variables to set. */
export function environmentComplete(exchange: ExchangeInfo, accountId: string, given: Credentials): Result<Credentials> {
  const missing = exchange.credentials.filter((f) => !given[f]);
  if (missing.length === 0) return requiredCredentials(exchange, given);
  return fail('INVALID_INPUT', `${exchange.name} needs ${missing.map(label).join(', ')}: set ${missing.map((f) => envVariable(accountId, f)).join(', ')} and restart StoxRobot`);
}

/** Enough of the API key to recognise it (its last 4 characters), and nothing of a key too short to hide the rest. */
export const lastFour = (apiKey: string | undefined): string | null => (apiKey && apiKey.length >= 8 ? apiKey.slice(-4) : null);
