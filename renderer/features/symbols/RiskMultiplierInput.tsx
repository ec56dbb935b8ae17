import { useState } from 'react';
import { RiskMultiplierSchema } from '../../../shared/domain/symbol.ts';
import { useSymbolsStore } from './symbols-store.ts';

/** The risk multiplier of an enabled symbol, saved on Enter or when the field is left. */
export function RiskMultiplierInput({ symbol, value }: { symbol: string; value: number }) {
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (draft === String(value)) return setError(null);
    const parsed = RiskMultiplierSchema.safeParse(draft.trim() === '' ? undefined : Number(draft));
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Not a valid multiplier');
    setError(await useSymbolsStore.getState().setMultiplier(symbol, parsed.data));
  };
  return (
    <span>
      <input
        aria-label={`Risk multiplier of ${symbol}`}
        inputMode="decimal"
        size={5}
        value={draft}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void save()}
        onKeyDown={(e) => e.key === 'Enter' && void save()}
      />
      {error && (
        <span className="field-error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}
