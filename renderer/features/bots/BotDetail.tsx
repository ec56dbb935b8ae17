import { useEffect } from 'react';
import type { BotSummary } from '../../../shared/domain/bot.ts';
import { formatQty } from '../../format.ts';
import { useInstrument, useSelectedBot } from '../../stores/bots-store.ts';
import { useLedgerStore } from '../../stores/ledger-store.ts';
import { LiveChart } from '../chart/LiveChart.tsx';
import { AlertBuilder } from '../webhooks/AlertBuilder.tsx';
import { Money } from '../ledger/Money.tsx';
import { OrdersTable } from '../ledger/OrdersTable.tsx';
import { PositionsTable } from '../ledger/PositionsTable.tsx';
import { TradesTable } from '../ledger/TradesTable.tsx';
import { BotActions } from './BotActions.tsx';
import { OrderTicket } from './OrderTicket.tsx';
import { pnlOfPositions } from './bot-pnl.ts';
import { strategySummary } from './strategy-summary.ts';
import { EntryBlockNote } from '../risk/EntryBlockNote.tsx';
import { exitsSummary } from './exits-summary.ts';

function BotHead({ bot }: { bot: BotSummary }) {
  const instrument = useInstrument(bot.symbol);
  // Once its positions are loaded, the header adds up exactly what the positions table shows.
  const positions = useLedgerStore((s) => (s.botId === bot.id ? s.positions : null));
  const pnl = positions ? pnlOfPositions(positions) : bot.pnl;
  const strategy = strategySummary(bot.strategy);
  return (
    <div className="panel bot-head">
      <div className="bot-title">
        <h2>{bot.name}</h2>
        <span className="muted">
          {bot.symbol} · {bot.timeframe} · {strategy} · size {formatQty(bot.orderQty, instrument)} {instrument?.base ?? ''} · {bot.account} · {exitsSummary(bot.exits)}
        </span>
      </div>
      <span className={`status ${bot.status}`} data-testid="bot-status">
        {bot.status}
      </span>
      <div className="pnl">
        <span>
          Realised <Money value={pnl.realized} testId="bot-realized" />
        </span>
        <span>
          Unrealised <Money value={pnl.unrealized} testId="bot-unrealized" />
        </span>
      </div>
      <EntryBlockNote botId={bot.id} full />
      <BotActions bot={bot} />
    </div>
  );
}

export function BotDetail() {
  const bot = useSelectedBot();
  const botId = bot?.id ?? null;

  useEffect(() => {
    void useLedgerStore.getState().load(botId);
  }, [botId]);

  if (!bot) return <div className="panel muted">Select a bot, or create one.</div>;
  return (
    <section className="detail" aria-label={`Bot ${bot.name}`}>
      <BotHead bot={bot} />
      {bot.strategy.kind === 'tradingview' && <AlertBuilder bot={bot} />}
      <LiveChart symbol={bot.symbol} timeframe={bot.timeframe} />
      <OrderTicket key={bot.id} bot={bot} />
      <PositionsTable />
      <OrdersTable />
      <TradesTable />
    </section>
  );
}
