import { create } from 'zustand';
import type { WebhookLogEntry, WebhookOutcome, WebhookStatus } from '../../shared/domain/webhook.ts';
import { client } from '../rpc/client.ts';
import { singleFlight } from './single-flight.ts';

interface WebhooksState {
  status: WebhookStatus | null;
  log: WebhookLogEntry[];
  filter: { botId?: string; outcome?: WebhookOutcome };
  /** Passphrases generated in this window, kept in memory only: the engine stores just a digest. */
  passphrases: Record<string, string>;
  refresh(): Promise<void>;
  setFilter(filter: { botId?: string; outcome?: WebhookOutcome }): void;
  rotate(botId: string): Promise<string>;
  remember(botId: string, passphrase: string): void;
}

export const useWebhooksStore = create<WebhooksState>((set, get) => ({
  status: null,
  log: [],
  filter: {},
  passphrases: {},
  refresh: singleFlight(async () => {
    const [status, log] = await Promise.all([client.webhooks.status(), client.webhooks.log({ ...get().filter, limit: 200 })]);
    set({ status, log });
  }),
  setFilter(filter) {
    set({ filter });
    void get().refresh();
  },
  async rotate(botId) {
    const { passphrase } = await client.webhooks.rotatePassphrase({ botId });
    get().remember(botId, passphrase);
    return passphrase;
  },
  remember: (botId, passphrase) => set({ passphrases: { ...get().passphrases, [botId]: passphrase } }),
}));
