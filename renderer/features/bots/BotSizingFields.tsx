import { AMOUNT_LABELS, type BotSizing, COOLDOWN_UNITS, DEFAULT_SIZING, type SizingMode } from '../../../shared/domain/bot-sizing.ts';
import { Field } from './Field.tsx';

/** The sizing section as typed: text, so a half-typed number stays on screen until the form is sent. */
export interface SizingDraft {
  mode: SizingMode;
  amount: string;
  maxEntries: string;
  cooldown: string;
  cooldownUnit: BotSizing['cooldownUnit'];
  maxOpenPositions: string;
}

const MODE_NAMES: Record<SizingMode, string> = {
  base: 'Fixed base amount (the order size)',
  quote: 'Fixed quote amount',
  percent_equity: 'Percent of equity',
  risk: 'Risk-based (percent of equity at the stop)',
};

const HINTS: Record<SizingMode, string> = {
  base: 'Each entry trades the order size above.',
  quote: 'Each entry spends this much of the quote currency (USDT for SOL/USDT) at the entry price.',
  percent_equity: 'Each entry spends this share of the account’s equity at the entry price.',
  risk: 'Each entry loses this share of equity if its stop-loss is hit: size = equity × % ÷ distance to the stop. Entries without a stop-loss are refused.',
};

/** A new bot starts with its order size; a bot saved before sizing existed shows what it trades. */
export function sizingDraft(sizing: BotSizing | undefined): SizingDraft {
  const s = sizing ?? DEFAULT_SIZING;
  return { mode: s.mode, amount: s.amount === null ? '' : String(s.amount), maxEntries: String(s.maxEntries), cooldown: String(s.cooldown), cooldownUnit: s.cooldownUnit, maxOpenPositions: String(s.maxOpenPositions) };
}

const toNumber = (text: string): unknown => (text.trim() === '' ? undefined : Number(text));

/** The draft as the shared schema reads it; the amount is left out (null) in base mode, where the order size is the amount. */
export function sizingConfig(draft: SizingDraft): unknown {
  const amount = draft.mode === 'base' || draft.amount.trim() === '' ? null : Number(draft.amount);
  return { mode: draft.mode, amount, maxEntries: toNumber(draft.maxEntries), cooldown: toNumber(draft.cooldown), cooldownUnit: draft.cooldownUnit, maxOpenPositions: toNumber(draft.maxOpenPositions) };
}

/**
 * The bot form's sizing and entry-limit fields; the amount field follows the mode. A TradingView
 * bot's max entries are the strategy's own field, so this one is left out for it.
 */
export function BotSizingFields({ value, onChange, errors, tradingView }: { value: SizingDraft; onChange: (next: SizingDraft) => void; errors: Record<string, string>; tradingView: boolean }) {
  const set = (key: keyof SizingDraft) => (text: string) => onChange({ ...value, [key]: text } as SizingDraft);
  return (
    <fieldset className="sizing-fields">
      <legend>Sizing and entry limits</legend>
      <Field label="Sizing" error={errors['sizing.mode']}>
        <select value={value.mode} onChange={(e) => set('mode')(e.target.value)}>
          {(Object.keys(MODE_NAMES) as SizingMode[]).map((mode) => (
            <option key={mode} value={mode}>
              {MODE_NAMES[mode]}
            </option>
          ))}
        </select>
      </Field>
      <p className="muted">{HINTS[value.mode]} The symbol’s risk multiplier scales it; it is rounded down to the market’s step.</p>
      {value.mode !== 'base' && (
        <Field label={AMOUNT_LABELS[value.mode]} error={errors['sizing.amount']}>
          <input inputMode="decimal" value={value.amount} onChange={(e) => set('amount')(e.target.value)} />
        </Field>
      )}
      {!tradingView && (
        <Field label="Max entries per position" error={errors['sizing.maxEntries']}>
          <input inputMode="numeric" value={value.maxEntries} onChange={(e) => set('maxEntries')(e.target.value)} />
        </Field>
      )}
      <Field label="Cooldown after an exit" error={errors['sizing.cooldown']}>
        <input inputMode="numeric" value={value.cooldown} onChange={(e) => set('cooldown')(e.target.value)} />
      </Field>
      <Field label="Cooldown counted in" error={errors['sizing.cooldownUnit']}>
        <select value={value.cooldownUnit} onChange={(e) => set('cooldownUnit')(e.target.value)}>
          {COOLDOWN_UNITS.map((unit) => (
            <option key={unit}>{unit}</option>
          ))}
        </select>
      </Field>
      <Field label="Max open positions" error={errors['sizing.maxOpenPositions']}>
        <input inputMode="numeric" value={value.maxOpenPositions} onChange={(e) => set('maxOpenPositions')(e.target.value)} />
      </Field>
    </fieldset>
  );
}
