import type { BotExits } from '../../../shared/domain/bot-exits.ts';

/** The exits section of the bot form as typed: text fields, checked by the shared schema on save. */
export interface ExitsDraft {
  stopUnit: 'none' | 'percent' | 'atr';
  stopValue: string;
  takeProfits: { unit: 'percent' | 'atr' | 'r'; value: string; percent: string }[];
  trailingUnit: 'none' | 'percent' | 'atr';
  trailingValue: string;
  trailingAfter: string;
  breakEven: 'none' | 'tp1' | 'profit';
  breakEvenPercent: string;
  atrPeriod: string;
}

const number = (text: string): unknown => (text.trim() === '' ? undefined : Number(text));
const text = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

export function exitsDraftOf(exits: BotExits | null | undefined): ExitsDraft {
  return {
    stopUnit: exits?.stopLoss?.unit ?? 'none',
    stopValue: text(exits?.stopLoss?.value),
    takeProfits: (exits?.takeProfits ?? []).map((step) => ({ unit: step.at.unit, value: String(step.at.value), percent: String(step.percent) })),
    trailingUnit: exits?.trailing?.distance.unit ?? 'none',
    trailingValue: text(exits?.trailing?.distance.value),
    trailingAfter: text(exits?.trailing?.activateAfterPercent),
    breakEven: exits?.breakEven?.after ?? 'none',
    breakEvenPercent: text(exits?.breakEven?.percent),
    atrPeriod: String(exits?.atrPeriod ?? 14),
  };
}

/** The exits to save (unchecked: the schema says what is wrong), or null when none is set. */
export function exitsOfDraft(draft: ExitsDraft): unknown {
  const none = draft.stopUnit === 'none' && draft.takeProfits.length === 0 && draft.trailingUnit === 'none' && draft.breakEven === 'none';
  if (none) return null;
  return {
    stopLoss: draft.stopUnit === 'none' ? null : { unit: draft.stopUnit, value: number(draft.stopValue) },
    takeProfits: draft.takeProfits.map((step) => ({ at: { unit: step.unit, value: number(step.value) }, percent: number(step.percent) })),
    trailing: draft.trailingUnit === 'none' ? null : { distance: { unit: draft.trailingUnit, value: number(draft.trailingValue) }, activateAfterPercent: draft.trailingAfter.trim() === '' ? null : number(draft.trailingAfter) },
    breakEven: draft.breakEven === 'none' ? null : { after: draft.breakEven, percent: draft.breakEven === 'profit' ? (number(draft.breakEvenPercent) ?? null) : null },
    atrPeriod: number(draft.atrPeriod),
  };
}
