import type { Migration } from 'kysely/migration';
import * as foundation from './2026-11-23-0001-foundation.ts';
import * as webhooks from './2026-11-23-0002-webhooks.ts';
import * as ledgerChecks from './2026-11-25-0001-ledger-checks.ts';
import * as orderEvents from './2026-11-25-0002-order-events.ts';
import * as alertLegs from './2026-11-25-0003-alert-legs.ts';
import * as accounts from './2026-11-25-0004-accounts.ts';
import * as exchangeAccounts from './2026-11-25-0005-exchange-accounts.ts';
import * as symbols from './2026-11-25-0007-symbols.ts';
import * as emergencyStop from './2026-11-25-0008-emergency-stop.ts';
import * as notifications from './2026-11-25-0009-notifications.ts';
import * as orderSource from './2026-11-25-0010-order-source.ts';
import * as backtestRuns from './2026-11-25-0017-backtest-runs.ts';
import * as riskGovernor from './2026-11-25-0013-risk-governor.ts';
import * as tradeHistory from './2026-11-25-0018-trade-history.ts';
import * as botSizing from './2026-11-25-0011-bot-sizing.ts';
import * as riskLocks from './2026-11-25-0014-risk-locks.ts';
import * as stopOrders from './2026-11-25-0015-stop-orders.ts';
import * as botExits from './2026-11-25-0012-bot-exits.ts';

/** Every migration, by date-prefixed name; Kysely runs them in name order, forward only. */
export const migrations: Record<string, Migration> = {
  '2026-11-23-0001-foundation': foundation,
  '2026-11-23-0002-webhooks': webhooks,
  '2026-11-25-0001-ledger-checks': ledgerChecks,
  '2026-11-25-0002-order-events': orderEvents,
  '2026-11-25-0003-alert-legs': alertLegs,
  '2026-11-25-0004-accounts': accounts,
  '2026-11-25-0005-exchange-accounts': exchangeAccounts,
  '2026-11-25-0007-symbols': symbols,
  '2026-11-25-0008-emergency-stop': emergencyStop,
  '2026-11-25-0009-notifications': notifications,
  '2026-11-25-0010-order-source': orderSource,
  '2026-11-25-0017-backtest-runs': backtestRuns,
  '2026-11-25-0013-risk-governor': riskGovernor,
  '2026-11-25-0018-trade-history': tradeHistory,
  '2026-11-25-0011-bot-sizing': botSizing,
  '2026-11-25-0014-risk-locks': riskLocks,
  '2026-11-25-0015-stop-orders': stopOrders,
  '2026-11-25-0012-bot-exits': botExits,
};
