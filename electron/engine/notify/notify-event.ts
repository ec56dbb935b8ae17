import type { NotificationKind } from '../../../shared/contract/notifications.ts';

/** One thing worth telling the trader, already in words: sinks only carry it. */
export interface NotifyEvent {
  kind: NotificationKind;
  title: string;
  body: string;
  ts: number;
}

/** Quantities and prices as a trader reads them: no float noise (0.1 + 0.2 is 0.3), no exponent, tiny amounts not shown as 0. */
export function amount(value: number): string {
  if (!Number.isFinite(value)) return 'unknown';
  return value.toLocaleString('en-US', { maximumSignificantDigits: 12, useGrouping: false });
}

/** Money in its quote currency: two decimals. */
export function money(value: number): string {
  if (!Number.isFinite(value)) return 'unknown';
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
}

/** A profit or loss with its sign always shown. */
export function signed(value: number, unit: string): string {
  const text = `${money(Math.abs(value))} ${unit}`;
  return value > 0 ? `+${text}` : value < 0 ? `-${text}` : text;
}
