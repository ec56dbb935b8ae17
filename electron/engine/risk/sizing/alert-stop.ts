import type { AlertCommand } from '../../../../shared/domain/webhook.ts';

/**
 * The stop-loss price an alert's entry at `px` would get, for risk-based sizing: the price given,
 * or the percent away from `px` on the losing side of the position the action opens or adds to
 * (`reverse` turns the position `held`). Null when the alert gave none.
 */
export function alertStopPrice(command: Pick<AlertCommand, 'action' | 'stopLoss'>, px: number, held: number): number | null {
  const level = command.stopLoss;
  if (!level) return null;
  if (level.price !== undefined) return level.price;
  if (level.percent === undefined) return null;
  const long = command.action === 'buy' || command.action === 'long' || (command.action === 'reverse' && held < 0);
  return px * (1 + ((long ? -1 : 1) * level.percent) / 100);
}
