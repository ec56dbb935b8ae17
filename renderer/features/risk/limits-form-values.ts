import type { RiskLimits } from '../../../shared/contract/risk-limits.ts';

/** The form's text per limit: an empty box is "off" (null). */
export type LimitsText = Record<keyof RiskLimits, string>;

export const NUMERIC_LIMITS = ['maxOpenPositions', 'maxSymbolExposure', 'maxTotalExposure', 'dailyLossLimit', 'maxDrawdownPct', 'maxPriceAgeSeconds'] as const;

export function toText(limits: RiskLimits): LimitsText {
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    maxOpenPositions: text(limits.maxOpenPositions),
    maxSymbolExposure: text(limits.maxSymbolExposure),
    maxTotalExposure: text(limits.maxTotalExposure),
    dailyLossLimit: text(limits.dailyLossLimit),
    maxDrawdownPct: text(limits.maxDrawdownPct),
    maxPriceAgeSeconds: text(limits.maxPriceAgeSeconds),
    dailyResetTime: limits.dailyResetTime,
    timeZone: limits.timeZone,
  };
}

/**
 * The limits the text asks for, or the fields that are not numbers. Range checks are the engine's
 * (its messages come back per field): the form only turns text into numbers, never guesses.
 */
export function fromText(text: LimitsText): { limits: RiskLimits } | { errors: Partial<Record<keyof RiskLimits, string>> } {
  const errors: Partial<Record<keyof RiskLimits, string>> = {};
  const numbers: Partial<Record<(typeof NUMERIC_LIMITS)[number], number | null>> = {};
  for (const key of NUMERIC_LIMITS) {
    const raw = text[key].trim().replaceAll(',', '');
    const value = raw === '' ? null : Number(raw);
    if (value !== null && !Number.isFinite(value)) errors[key] = 'Enter a number, or leave it empty to turn this limit off';
    else numbers[key] = value;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    limits: {
      maxOpenPositions: numbers.maxOpenPositions ?? null,
      maxSymbolExposure: numbers.maxSymbolExposure ?? null,
      maxTotalExposure: numbers.maxTotalExposure ?? null,
      dailyLossLimit: numbers.dailyLossLimit ?? null,
      maxDrawdownPct: numbers.maxDrawdownPct ?? null,
      maxPriceAgeSeconds: numbers.maxPriceAgeSeconds ?? null,
      dailyResetTime: text.dailyResetTime.trim(),
      timeZone: text.timeZone.trim(),
    },
  };
}
