import { accountsContract } from './accounts.ts';
import { analyticsContract } from './analytics.ts';
import { backtestContract } from './backtest.ts';
import { optimizeContract } from './optimize.ts';
import { botsContract } from './bots.ts';
import { chartContract } from './chart.ts';
import { engineContract } from './engine.ts';
import { historyContract } from './history.ts';
import { exportContract } from './export.ts';
import { fillsContract, ordersContract, positionsContract, tradesContract } from './ledger.ts';
import { marketContract } from './market.ts';
import { notificationsContract } from './notifications.ts';
import { reconcileContract } from './reconcile.ts';
import { riskContract } from './risk.ts';
import { symbolsContract } from './symbols.ts';
import { webhooksContract } from './webhooks.ts';

/** The one typed contract between the engine and every client (renderer, REST, scripts). */
export const contract = {
  bots: botsContract,
  market: marketContract,
  orders: ordersContract,
  fills: fillsContract,
  positions: positionsContract,
  trades: tradesContract,
  engine: engineContract,
  webhooks: webhooksContract,
  accounts: accountsContract,
  reconcile: reconcileContract,
  symbols: symbolsContract,
  risk: riskContract,
  notifications: notificationsContract,
  backtest: { ...backtestContract, ...optimizeContract },
  history: historyContract,
  chart: chartContract,
  exports: exportContract,
  analytics: analyticsContract,
};
export type Contract = typeof contract;
