import { useBotsStore } from '../../stores/bots-store.ts';
import { useViewStore } from '../../stores/view-store.ts';
import { Money } from '../ledger/Money.tsx';
import { EntryBlockNote } from '../risk/EntryBlockNote.tsx';

export function BotList() {
  const { bots, selectedId, loaded, select, edit } = useBotsStore();
  return (
    <nav className="sidebar" aria-label="Bots">
      <button type="button" className="primary" onClick={() => {
          edit('new');
          useViewStore.getState().show('bots');
        }}>
        + New bot
      </button>
      {loaded && bots.length === 0 && <p className="muted">No bots yet. Create one to start paper trading on the simulated market.</p>}
      <ul>
        {bots.map((bot) => (
          <li key={bot.id}>
            <button type="button" className={bot.id === selectedId ? 'bot selected' : 'bot'} onClick={() => {
                select(bot.id);
                useViewStore.getState().show('bots');
              }}>
              <span className="bot-name" title={bot.name}>
                {bot.name}
              </span>
              <span className={`status ${bot.status}`}>{bot.status}</span>
              <EntryBlockNote botId={bot.id} />
              <span className="muted">{bot.symbol}</span>
              <Money value={bot.pnl.realized + bot.pnl.unrealized} />
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
