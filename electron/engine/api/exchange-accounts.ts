import { implement } from '@orpc/server';
import { contract } from '../../../shared/contract/index.ts';
import type { EngineServices } from '../services.ts';
import { unwrap } from './errors.ts';
import { storageGuard } from './storage-guard.ts';

// The same guard as the router's: oRPC drops the repeated leading middleware when the router is built.
const os = implement(contract).$context<{ engine: EngineServices }>().use(storageGuard);

/** The exchange-account procedures of `accounts.*`: keys go in through create/update/testConnection and never come out. */
export const exchangeAccountHandlers = {
  exchanges: os.accounts.exchanges.handler(({ context: { engine } }) => engine.exchangeAccounts.catalogue()),
  keychain: os.accounts.keychain.handler(({ context: { engine } }) => engine.exchangeAccounts.keychain()),
  exchangeAccounts: os.accounts.exchangeAccounts.handler(({ context: { engine } }) => engine.exchangeAccounts.list()),
  create: os.accounts.create.handler(async ({ input, context: { engine } }) => unwrap(await engine.exchangeAccounts.create(input))),
  update: os.accounts.update.handler(async ({ input: { accountId, ...patch }, context: { engine } }) => unwrap(await engine.exchangeAccounts.update(accountId, patch))),
  remove: os.accounts.remove.handler(async ({ input, context: { engine } }) => unwrap(await engine.exchangeAccounts.remove(input.accountId))),
  testConnection: os.accounts.testConnection.handler(async ({ input, context: { engine } }) => unwrap(await engine.exchangeAccounts.testConnection(input))),
};
