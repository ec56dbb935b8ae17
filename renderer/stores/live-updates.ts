import type { EngineEvent } from '../../shared/contract/engine.ts';
import { client } from '../rpc/client.ts';
import { followStream } from '../rpc/follow-stream.ts';
import { useBotsStore } from './bots-store.ts';
import { useEmergencyStore } from './emergency-store.ts';
import { useLedgerStore } from './ledger-store.ts';
import { useStatusStore } from './status-store.ts';
import { useWebhooksStore } from './webhooks-store.ts';
import { useLocksStore } from '../features/risk/locks-store.ts';
import { followTrades } from '../features/analytics/follow-trades.ts';

/** Totals in the header and the sidebar move with every tick; they are re-read on this slow timer. */
const TOTALS_EVERY_MS = 2000;

function refreshAll(): void {
  if (useBotsStore.getState().instruments.length === 0) void useBotsStore.getState().loadInstruments();
  void useBotsStore.getState().refresh();
  void useStatusStore.getState().refresh();
  void useWebhooksStore.getState().refresh();
  void useLedgerStore.getState().refresh();
  void useEmergencyStore.getState().refresh();
  void useLocksStore.getState().refresh();
}

function onEvent(event: EngineEvent): void {
  followTrades(event);
  if (event.topic === 'risk') {
    void useEmergencyStore.getState().refresh();
    void useLocksStore.getState().refresh();
  } else if (event.topic === 'webhooks') {
    void useWebhooksStore.getState().refresh();
  } else if (event.topic === 'bots' || event.topic === 'market') {
    void useBotsStore.getState().refresh();
    void useStatusStore.getState().refresh();
  } else if (event.botId === undefined || event.botId === useLedgerStore.getState().botId) {
    void useLedgerStore.getState().refresh();
  }
}

/**
 * Follows the engine's change stream (coalesced by the engine to at most 20 deliveries a second)
 * and refreshes what changed; each refresh runs at most once at a time. On every (re)connection
 * everything is reloaded, since anything may have changed while the link was down.
 */
export function followEngine(signal: AbortSignal): Promise<void> {
  const timer = setInterval(() => {
    void useStatusStore.getState().refresh();
    void useBotsStore.getState().refresh();
    void useLocksStore.getState().refresh();
  }, TOTALS_EVERY_MS);
  signal.addEventListener('abort', () => clearInterval(timer));
  return followStream((s) => client.engine.events(undefined, { signal: s }), { onOpen: refreshAll, onItem: onEvent }, signal);
}
