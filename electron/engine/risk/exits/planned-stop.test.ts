import { describe, expect, it } from 'vitest';
import type { BotExits } from '../../../../shared/domain/bot-exits.ts';
import { plannedStop } from './exit-plan.ts';

const exits = (stopLoss: BotExits['stopLoss']): BotExits => ({ stopLoss, takeProfits: [], trailing: null, breakEven: null, atrPeriod: 14 });

describe('the stop risk-based sizing measures to when the strategy gave none', () => {
  it('sits the bot’s percent or ATR distance below a long’s entry and above a short’s', () => {
    expect(plannedStop(exits({ unit: 'percent', value: 2 }), 100, 1, null)).toBe(98);
    expect(plannedStop(exits({ unit: 'percent', value: 2 }), 100, -1, null)).toBe(102);
    expect(plannedStop(exits({ unit: 'atr', value: 1.5 }), 100, 1, 4)).toBe(94);
  });

  it('is none without a stop-loss, before the ATR is warm, or where a long’s stop would be at or below 0', () => {
    expect(plannedStop(null, 100, 1, 4)).toBeNull();
    expect(plannedStop(exits(null), 100, 1, 4)).toBeNull();
    expect(plannedStop(exits({ unit: 'atr', value: 1 }), 100, 1, null)).toBeNull();
    expect(plannedStop(exits({ unit: 'atr', value: 1 }), 100, 1, 0)).toBeNull();
    expect(plannedStop(exits({ unit: 'atr', value: 30 }), 100, 1, 4)).toBeNull();
  });
});
