import { useEffect } from 'react';
import { BotDetail } from './features/bots/BotDetail.tsx';
import { BotForm } from './features/bots/BotForm.tsx';
import { BotList } from './features/bots/BotList.tsx';
import { Header } from './features/header/Header.tsx';
import { useBotsStore } from './stores/bots-store.ts';
import { followEngine } from './stores/live-updates.ts';
import { useStatusStore } from './stores/status-store.ts';

export function App() {
  const editing = useBotsStore((s) => s.editing);
  const connected = useStatusStore((s) => s.connected);

  useEffect(() => {
    const stop = new AbortController();
    void useBotsStore.getState().loadInstruments();
    void useBotsStore.getState().refresh();
    void useStatusStore.getState().refresh();
    followEngine(stop.signal).catch(() => undefined);
    return () => stop.abort();
  }, []);

  return (
    <div className="app">
      <Header />
      {!connected && <div className="banner">Connection to the engine lost — reconnecting…</div>}
      <div className="body">
        <BotList />
        <main className="main">{editing ? <BotForm key={editing} target={editing} /> : <BotDetail />}</main>
      </div>
    </div>
  );
}
