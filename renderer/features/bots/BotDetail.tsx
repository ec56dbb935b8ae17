import { useEffect, useState } from 'react';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { useBotsStore, useSelectedBot } from '../../stores/bots-store.ts';
import { useLedgerStore } from '../../stores/ledger-store.ts';
import { LiveChart } from '../chart/LiveChart.tsx';
import { AlertBuilder } from '../webhooks/AlertBuilder.tsx';
import { Money } from '../ledger/Money.tsx';
import { OrdersTable } from '../ledger/OrdersTable.tsx';
import { PositionsTable } from '../ledger/PositionsTable.tsx';
import { TradesTable } from '../ledger/TradesTable.tsx';

export function BotDetail() {
  const bot = useSelectedBot();
  const { edit, refresh } = useBotsStore();
  const [actionError, setActionError] = useState<string | null>(null);
  const botId = bot?.id ?? null;

  useEffect(() => {
    void useLedgerStore.getState().load(botId);
  }, [botId]);

  if (!bot) return <div className="panel muted">Select a bot, or create one.</div>;

  const act = (action: 'start' | 'pause' | 'stop' | 'delete') => async () => {
    setActionError(null);
    if (action === 'delete' && !confirm(`Delete ${bot.name}? Its orders and trades stay in the history.`)) return;
    try {
      await client.bots[action]({ id: bot.id });
      await refresh();
    } catch (error) {
      setActionError(errorMessage(error));
    }
  };

  return (
    <section className="detail" aria-label={`Bot ${bot.name}`}>
      <div className="panel bot-head">
        <div>
          <h2>{bot.name}</h2>
          <span className="muted">
            {bot.symbol} · {bot.timeframe} · {bot.strategy.kind === 'ma_crossover' ? `MA ${bot.strategy.fast}/${bot.strategy.slow}` : `TradingView signals, up to ${bot.strategy.maxEntries} entries`} · size{' '}
            {bot.orderQty} · {bot.account}
          </span>
        </div>
        <span className={`status ${bot.status}`} data-testid="bot-status">
          {bot.status}
        </span>
        <div className="pnl">
          Realised <Money value={bot.pnl.realized} /> Unrealised <Money value={bot.pnl.unrealized} />
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={act('start')} disabled={bot.status === 'running'}>
            Start
          </button>
          <button type="button" onClick={act('pause')} disabled={bot.status !== 'running'}>
            Pause
          </button>
          <button type="button" onClick={act('stop')} disabled={bot.status === 'stopped'}>
            Stop
          </button>
          <button type="button" onClick={() => edit(bot.id)} disabled={bot.status === 'running'}>
            Edit
          </button>
          <button type="button" className="danger" onClick={act('delete')} disabled={bot.status === 'running'}>
            Delete
          </button>
        </div>
        {actionError && (
          <p className="error" role="alert">
            {actionError}
          </p>
        )}
      </div>
      {bot.strategy.kind === 'tradingview' && <AlertBuilder bot={bot} />}
      <LiveChart symbol={bot.symbol} timeframe={bot.timeframe} />
      <PositionsTable />
      <OrdersTable />
      <TradesTable />
    </section>
  );
}
