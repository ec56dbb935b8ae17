import type { ConnectionTestRequest } from '../../../shared/contract/accounts.ts';
import type { ConnectionTest } from '../../../shared/domain/account.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { redact } from '../secrets/redact.ts';
import type { Credentials, ExchangeAccountConfig, ExchangeConnector, ExchangeInfo } from '../venues/exchange.ts';
import { exchangeNamed, requiredCredentials, sandboxAllowed } from './exchange-accounts-checks.ts';

export interface ConnectionTestDeps {
  exchanges: ExchangeConnector;
  catalogue: readonly ExchangeInfo[];
  savedCredentials(accountId: string): Promise<Result<Credentials>>;
}

/**
 * "Test connection" for a saved account (`saved`, with the request's unsaved changes on top) or a
 * draft whose keys are not stored yet. The exchange's error comes back as it said it, with every
 * credential value in it blanked: some exchanges echo the key they were sent.
 */
export async function testConnection(request: ConnectionTestRequest, saved: ExchangeAccountConfig | undefined, deps: ConnectionTestDeps): Promise<Result<ConnectionTest>> {
  const base = saved ?? { accountId: 'draft', exchangeId: 'exchangeId' in request ? request.exchangeId : '', sandbox: false, options: {} };
  const config = { ...base, ...(request.sandbox !== undefined ? { sandbox: request.sandbox } : {}), ...(request.options !== undefined ? { options: request.options } : {}) };
  const exchange = exchangeNamed(deps.catalogue, config.exchangeId);
  if (!exchange.ok) return exchange;
  const checked = sandboxAllowed(exchange.value, config.sandbox);
  if (!checked.ok) return checked;
  const credentials = request.credentials ? requiredCredentials(exchange.value, request.credentials) : await deps.savedCredentials(config.accountId);
  if (!credentials.ok) return credentials;

  const tested = await deps.exchanges.testConnection(config, credentials.value);
  if (!tested.ok) {
    const { code, message, issues, details } = tested.error;
    const clean = (text: string) => redact(text, credentials.value);
    const cleanDetails = details && Object.fromEntries(Object.entries(details).map(([k, v]) => [k, typeof v === 'string' ? clean(v) : v]));
    return fail(code, clean(message), issues?.map((i) => ({ ...i, message: clean(i.message) })), cleanDetails);
  }
  return ok({ markets: tested.value.markets, balances: tested.value.balances.map(({ currency, total, free }) => ({ currency, total, free })) });
}
