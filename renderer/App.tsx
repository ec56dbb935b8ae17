import { useEffect } from 'react';
import { BotDetail } from './features/bots/BotDetail.tsx';
import { BotForm } from './features/bots/BotForm.tsx';
import { BotList } from './features/bots/BotList.tsx';
import { Header } from './features/header/Header.tsx';
import { useBotsStore } from './stores/bots-store.ts';
import { followEngine } from './stores/live-updates.ts';
import { useStatusStore } from './stores/status-store.ts';
import { useViewStore } from './stores/view-store.ts';
import { useWebhooksStore } from './stores/webhooks-store.ts';
import { WebhooksPage } from './features/webhooks/WebhooksPage.tsx';

export function App() {
  const editing = useBotsStore((s) => s.editing);
  const connected = useStatusStore((s) => s.connected);
  const tokenRejected = useStatusStore((s) => s.tokenRejected);
  const view = useViewStore((s) => s.view);

  useEffect(() => {
    const stop = new AbortController();
    void useBotsStore.getState().loadInstruments();
    void useBotsStore.getState().refresh();
    void useStatusStore.getState().refresh();
    void useWebhooksStore.getState().refresh();
    followEngine(stop.signal).catch(() => undefined);
    return () => stop.abort();
  }, []);

  return (
    <div className="app">
      <Header />
      {tokenRejected ? (
        <div className="banner" role="alert">
          This link's token is not valid: open the address the host printed.
        </div>
      ) : (
        !connected && <div className="banner">Connection to the engine lost — reconnecting…</div>
      )}
      <div className="body">
        <BotList />
        <main className="main">{view === 'webhooks' ? <WebhooksPage /> : editing ? <BotForm key={editing} target={editing} /> : <BotDetail />}</main>
      </div>
    </div>
  );
}
