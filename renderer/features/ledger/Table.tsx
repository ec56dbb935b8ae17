import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

/** A plain, labelled data table; an empty list says so instead of showing nothing. */
interface TableProps<T> {
  title: string;
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  empty: string;
  /** Rows become selectable (click or Enter) when given. */
  onSelect?: (row: T) => void;
  selectedKey?: string | null;
  children?: ReactNode;
}

export function Table<T>({ title, rows, columns, rowKey, empty, onSelect, selectedKey, children }: TableProps<T>) {
  return (
    <section className="panel" aria-label={title}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} className={c.numeric ? 'num' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={rowKey(row)}
                className={onSelect ? `clickable${selectedKey === rowKey(row) ? ' selected' : ''}` : undefined}
                onClick={onSelect && (() => onSelect(row))}
                onKeyDown={onSelect && ((e) => e.key === 'Enter' && onSelect(row))}
                tabIndex={onSelect ? 0 : undefined}
                aria-selected={onSelect ? selectedKey === rowKey(row) : undefined}
              >
                {columns.map((c) => (
                  <td key={c.header} className={c.numeric ? 'num' : undefined}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {children}
    </section>
  );
}

export const time = (ts: number) => new Date(ts).toLocaleString();
