import { useMemo } from 'react';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Position } from '../../../shared/domain/position.ts';
import { formatPrice, formatQty } from '../../format.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { useLedgerStore } from '../../stores/ledger-store.ts';
import { ClosePositionButton } from './ClosePositionButton.tsx';
import { StopCell, TakeProfitCell } from './ExitLevels.tsx';
import { Money } from './Money.tsx';
import { type Column, Table } from './Table.tsx';

const DUST_HINT = 'Below the venue’s minimum order: it cannot be closed by an order';

/** A live position whose stop-loss is not held at its exchange: only the running app protects it. */
function ExchangeStopWarning({ position }: { position: Position }) {
  if (position.exchangeStop === 'held') return <span className="muted">stop held at exchange </span>;
  if (position.exchangeStop === null) return null;
  const label = position.exchangeStop === 'not_supported' ? 'no exchange stop (venue has none)' : 'no stop at exchange';
  return (
    <span className="warning" role="alert" data-testid="exchange-stop-warning" title={position.exchangeStopProblem ?? undefined}>
      ⚠ {label}: {position.exchangeStopProblem ?? 'only StoxRobot watches the stop-loss, while it runs'}{' '}
    </span>
  );
}

/** Dust, a failed protective close and a missing exchange stop are said on the row: none may pass unseen. */
function Status({ position }: { position: Position }) {
  if (!position.dust && !position.closeError && position.exchangeStop === null && !position.exits?.note) return <span className="muted">—</span>;
  return (
    <>
      <ExchangeStopWarning position={position} />
      {position.dust && (
        <span className="warning" title={DUST_HINT}>
          dust{' '}
        </span>
      )}
      {position.closeError && <span className="error">Close failed: {position.closeError}</span>}
      {position.exits?.note && <span className="warning">{position.exits.note}</span>}
    </>
  );
}

/** Prices and quantities on each row's own instrument (its tick and step decimals). */
const columnsFor = (instrumentOf: (symbol: string) => Instrument | undefined): Column<Position>[] => [
  { header: 'Symbol', cell: (p) => p.symbol },
  { header: 'Side', cell: (p) => p.side },
  { header: 'Qty', cell: (p) => formatQty(p.qty, instrumentOf(p.symbol)), numeric: true },
  { header: 'Avg open', cell: (p) => (p.qty ? formatPrice(p.avgPxOpen, instrumentOf(p.symbol)) : '—'), numeric: true },
  { header: 'Last', cell: (p) => (p.lastPx === null ? '—' : formatPrice(p.lastPx, instrumentOf(p.symbol))), numeric: true },
  { header: 'Stop-loss', cell: (p) => <StopCell position={p} instrument={instrumentOf(p.symbol)} />, numeric: true },
  { header: 'Take-profit', cell: (p) => <TakeProfitCell position={p} instrument={instrumentOf(p.symbol)} />, numeric: true },
  { header: 'Unrealised', cell: (p) => <Money value={p.unrealizedPnl} />, numeric: true },
  { header: 'Realised', cell: (p) => <Money value={p.realizedPnl} />, numeric: true },
  { header: 'Status', cell: (p) => <Status position={p} /> },
  { header: '', cell: (p) => <ClosePositionButton position={p} /> },
];

export function PositionsTable() {
  const positions = useLedgerStore((s) => s.positions);
  const instruments = useBotsStore((s) => s.instruments);
  const columns = useMemo(() => columnsFor((symbol) => instruments.find((i) => i.symbol === symbol)), [instruments]);
  return <Table title="Positions" rows={positions} columns={columns} rowKey={(p) => p.symbol} empty="No position yet." />;
}
