import type { NotificationKind } from '../../../shared/contract/notifications.ts';

/** One thing worth telling the trader, already in words: sinks only carry it. */
export interface NotifyEvent {
  kind: NotificationKind;
  title: string;
  body: string;
  ts: number;
}

/** Numbers as a trader reads them: no float noise, no exponent for tiny or huge amounts. */
export function amount(value: number, maxDecimals = 8): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: maxDecimals, useGrouping: false });
}

/** A profit or loss with its sign always shown. */
export function signed(value: number, unit: string): string {
  const text = `${amount(Math.abs(value), 2)} ${unit}`;
  return value > 0 ? `+${text}` : value < 0 ? `-${text}` : text;
}
