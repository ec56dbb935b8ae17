import type { AlertAction, AlertCommand, PriceLevel } from '../../../../shared/domain/webhook.ts';

/** One alert to replay: when it arrived (epoch ms), what it asked, and the levels it gave. */
export interface ReplayAlert {
  time: number;
  action: AlertAction;
  stopLoss: PriceLevel | null;
  takeProfit: PriceLevel | null;
}

/** A stored alert row (the webhook listener's validated command, received at `receivedAt`). */
export const alertOfCommand = (receivedAt: number, command: Pick<AlertCommand, 'action' | 'stopLoss' | 'takeProfit'>): ReplayAlert => ({
  time: receivedAt,
  action: command.action,
  stopLoss: command.stopLoss,
  takeProfit: command.takeProfit,
});
