import { client } from '../rpc/client.ts';
import { useBotsStore } from './bots-store.ts';
import { useLedgerStore } from './ledger-store.ts';
import { useStatusStore } from './status-store.ts';
import { useWebhooksStore } from './webhooks-store.ts';

/**
 * Follows the engine's change stream and refreshes what changed. Unrealised P&L moves with every
 * tick, so the header and the selected bot's positions are also refreshed on a slow timer.
 */
export async function followEngine(signal: AbortSignal): Promise<void> {
  const refreshLedger = () => useLedgerStore.getState().load(useBotsStore.getState().selectedId);
  const timer = setInterval(() => {
    void useStatusStore.getState().refresh();
    void useBotsStore.getState().refresh();
    void refreshLedger();
  }, 2000);
  signal.addEventListener('abort', () => clearInterval(timer));
  const events = await client.engine.events(undefined, { signal });
  for await (const event of events) {
    if (event.topic === 'webhooks') {
      void useWebhooksStore.getState().refresh();
    } else if (event.topic === 'bots' || event.topic === 'market') {
      void useBotsStore.getState().refresh();
      void useStatusStore.getState().refresh();
    } else if (event.botId === undefined || event.botId === useBotsStore.getState().selectedId) {
      void refreshLedger();
    }
  }
}
