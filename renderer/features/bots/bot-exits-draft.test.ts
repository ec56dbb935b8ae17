import { describe, expect, it } from 'vitest';
import { BotExitsSchema } from '../../../shared/domain/bot-exits.ts';
import { exitsDraftOf, exitsOfDraft } from './bot-exits-draft.ts';
import { exitsSummary } from './exits-summary.ts';

describe('the exits section of the bot form', () => {
  it('saves nothing when nothing is set', () => {
    expect(exitsOfDraft(exitsDraftOf(undefined))).toBeNull();
  });

  it('gives back the exits it was filled from', () => {
    const exits = {
      stopLoss: { unit: 'atr' as const, value: 1.5 },
      takeProfits: [{ at: { unit: 'r' as const, value: 1 }, percent: 50 }, { at: { unit: 'percent' as const, value: 4 }, percent: 50 }],
      trailing: { distance: { unit: 'percent' as const, value: 2 }, activateAfterPercent: 1 },
      breakEven: { after: 'tp1' as const, percent: null },
      atrPeriod: 21,
    };
    expect(BotExitsSchema.parse(exitsOfDraft(exitsDraftOf(exits)))).toEqual(exits);
  });

  it('leaves an empty or typed-wrong number for the schema to name', () => {
    const draft = { ...exitsDraftOf(undefined), stopUnit: 'percent' as const, stopValue: 'two' };
    const parsed = BotExitsSchema.safeParse(exitsOfDraft(draft));
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toEqual(['stopLoss.value']);
  });
});

describe('the exits in the bot’s header', () => {
  it('reads each part in the trader’s units', () => {
    const exits = { stopLoss: { unit: 'percent' as const, value: 2 }, takeProfits: [{ at: { unit: 'r' as const, value: 1 }, percent: 50 }, { at: { unit: 'atr' as const, value: 3 }, percent: 50 }], trailing: { distance: { unit: 'percent' as const, value: 1 }, activateAfterPercent: 2 }, breakEven: { after: 'tp1' as const, percent: null }, atrPeriod: 14 };
    expect(exitsSummary(exits)).toBe('stop 2 % · TP 1 R (50 %), 3× ATR (50 %) · trailing 1 % after 2 % profit · break-even after TP1');
    expect(exitsSummary(undefined)).toBe('no exits');
  });
});
