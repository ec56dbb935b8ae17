import { useEffect } from 'react';
import { BackfillForm } from './BackfillForm.tsx';
import { BackfillList } from './BackfillList.tsx';
import { ImportCsvForm } from './ImportCsvForm.tsx';
import { SeriesTable } from './SeriesTable.tsx';
import { useHistoryStore } from './history-store.ts';

/** Market history: what is stored, CSV import and exchange backfill (what backtests and charts read). */
export function HistoryPage() {
  const { series, backfills, error, notice } = useHistoryStore();
  useEffect(() => {
    void useHistoryStore.getState().load();
  }, []);
  return (
    <section className="detail" aria-label="History">
      <div className="panel">
        <h2>Market history</h2>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {notice && (
          <p className="ok" role="status">
            {notice}
          </p>
        )}
        <SeriesTable series={series} />
      </div>
      <ImportCsvForm />
      <div className="panel">
        <BackfillForm />
        <BackfillList backfills={backfills} />
      </div>
    </section>
  );
}
