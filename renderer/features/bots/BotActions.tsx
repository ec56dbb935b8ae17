import { useState } from 'react';
import type { BotSummary } from '../../../shared/domain/bot.ts';
import type { Position } from '../../../shared/domain/position.ts';
import { formatQty } from '../../format.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { useLedgerStore } from '../../stores/ledger-store.ts';

const NONE: readonly Position[] = [];

type Action = 'start' | 'pause' | 'stop' | 'delete' | 'close' | 'stopAndClose';

/** "LONG 0.01000 BTC/USDT, SHORT 2.000 SOL/USDT": what a close would sell or buy back. */
function describeHoldings(open: readonly Position[]): string {
  const instruments = useBotsStore.getState().instruments;
  return open.map((p) => `${p.side} ${formatQty(p.qty, instruments.find((i) => i.symbol === p.symbol))} ${p.symbol}`).join(', ');
}

/** Why the bot cannot be deleted now, in the words the engine would use, or null. */
function deleteBlocker(bot: BotSummary, open: readonly Position[]): string | null {
  if (bot.status === 'running') return `Stop ${bot.name} before deleting it: a running bot may be trading.`;
  if (open.length > 0) return `${bot.name} still holds ${describeHoldings(open)}. Close the position first (“Close position”), then delete the bot.`;
  return null;
}

function confirmation(action: Action, bot: BotSummary, open: readonly Position[]): string | null {
  if (action === 'delete') return `Delete ${bot.name}? Its orders and trades stay in the history.`;
  if (action === 'close') return `Close ${describeHoldings(open)} at market?`;
  if (action === 'stopAndClose') return `Stop ${bot.name} and close ${describeHoldings(open)} at market?`;
  return null;
}

export function BotActions({ bot }: { bot: BotSummary }) {
  const { edit, refresh, applyBot } = useBotsStore();
  const positions = useLedgerStore((s) => (s.botId === bot.id ? s.positions : NONE));
  const open = positions.filter((p) => p.qty !== 0);
  const [error, setError] = useState<string | null>(null);
  const running = bot.status === 'running';

  const act = (action: Action) => async () => {
    setError(null);
    const blocker = action === 'delete' ? deleteBlocker(bot, open) : null;
    if (blocker) return setError(blocker);
    const question = confirmation(action, bot, open);
    if (question && !confirm(question)) return;
    try {
      if (action === 'close' || action === 'stopAndClose') await client.bots.closePosition({ id: bot.id, stopFirst: action === 'stopAndClose' });
      else if (action === 'delete') await client.bots.delete({ id: bot.id });
      else applyBot(await client.bots[action]({ id: bot.id }));
      await Promise.all([refresh(), useLedgerStore.getState().refresh()]);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <>
      <div className="actions">
        <button type="button" className="primary" onClick={act('start')} disabled={running}>
          Start
        </button>
        <button type="button" onClick={act('pause')} disabled={!running}>
          Pause
        </button>
        <button type="button" onClick={act('stop')} disabled={bot.status === 'stopped'}>
          Stop
        </button>
        {open.length > 0 &&
          (running ? (
            <button type="button" onClick={act('stopAndClose')}>
              Stop &amp; close
            </button>
          ) : (
            <button type="button" onClick={act('close')}>
              Close position
            </button>
          ))}
        <button type="button" onClick={() => edit(bot.id)} disabled={running}>
          Edit
        </button>
        <button type="button" className="danger" onClick={act('delete')}>
          Delete
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
