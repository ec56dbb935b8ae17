/** A stop or target for the replay, as typed: the alerts' own, none, or a percent from each entry. */
export type LevelDraft = { mode: 'alerts' | 'none' } | { mode: 'percent'; percent: string };

/** The request's value: a percent as typed (2 means 2 %) becomes the fraction the engine takes (0.02). */
export const levelOf = (draft: LevelDraft): 'alerts' | 'none' | number => (draft.mode === 'percent' ? (draft.percent.trim() === '' ? Number.NaN : Number(draft.percent) / 100) : draft.mode);

export function LevelOverrideField({ label, draft, onChange }: { label: string; draft: LevelDraft; onChange(draft: LevelDraft): void }) {
  return (
    <label>
      {label}{' '}
      <select aria-label={label} value={draft.mode} onChange={(e) => onChange(e.target.value === 'percent' ? { mode: 'percent', percent: '' } : { mode: e.target.value as 'alerts' | 'none' })}>
        <option value="alerts">as the alerts say</option>
        <option value="none">none</option>
        <option value="percent">% from entry</option>
      </select>
      {draft.mode === 'percent' && <input aria-label={`${label} percent`} inputMode="decimal" size={5} value={draft.percent} onChange={(e) => onChange({ mode: 'percent', percent: e.target.value })} />}
    </label>
  );
}
