import { MAX_TAKE_PROFITS } from '../../../shared/domain/bot-exits.ts';
import type { ExitsDraft } from './bot-exits-draft.ts';
import { Field } from './Field.tsx';

type Step = ExitsDraft['takeProfits'][number];
const NEW_STEP: Step = { unit: 'percent', value: '', percent: '' };

/**
 * The exits the engine holds on each of the bot's positions: stop-loss, take-profit levels that
 * close a share each, trailing stop, break-even. `errors` are the form's, keyed `exits.<path>`.
 */
export function BotExitFields({ draft, onChange, errors }: { draft: ExitsDraft; onChange: (draft: ExitsDraft) => void; errors: Record<string, string> }) {
  const set = <K extends keyof ExitsDraft>(key: K, value: ExitsDraft[K]) => onChange({ ...draft, [key]: value });
  const setStep = (index: number, step: Partial<Step>) => set('takeProfits', draft.takeProfits.map((s, i) => (i === index ? { ...s, ...step } : s)));
  const usesAtr = draft.stopUnit === 'atr' || draft.trailingUnit === 'atr' || draft.takeProfits.some((s) => s.unit === 'atr');
  return (
    <fieldset className="exit-fields">
      <legend>Exits (held by the engine on every price)</legend>
      <p className="muted">Worked out from the entry price of each new position; a change applies from the next position on.</p>
      <div className="row">
        <Field label="Stop-loss" error={undefined}>
          <select value={draft.stopUnit} onChange={(e) => set('stopUnit', e.target.value as ExitsDraft['stopUnit'])}>
            <option value="none">None</option>
            <option value="percent">% from entry</option>
            <option value="atr">× ATR from entry</option>
          </select>
        </Field>
        {draft.stopUnit !== 'none' && (
          <Field label={draft.stopUnit === 'percent' ? 'Stop-loss distance (%)' : 'Stop-loss distance (× ATR)'} error={errors['exits.stopLoss.value']}>
            <input inputMode="decimal" value={draft.stopValue} onChange={(e) => set('stopValue', e.target.value)} />
          </Field>
        )}
      </div>
      {draft.takeProfits.map((step, i) => (
        <div className="row" key={i}>
          <Field label={`Take-profit ${i + 1}`} error={errors[`exits.takeProfits.${i}.at.value`]}>
            <input inputMode="decimal" value={step.value} onChange={(e) => setStep(i, { value: e.target.value })} />
          </Field>
          <Field label={`Take-profit ${i + 1} unit`} error={undefined}>
            <select value={step.unit} onChange={(e) => setStep(i, { unit: e.target.value as Step['unit'] })}>
              <option value="percent">% from entry</option>
              <option value="atr">× ATR</option>
              <option value="r">× stop distance (R)</option>
            </select>
          </Field>
          <Field label={`Take-profit ${i + 1} closes (% of position)`} error={errors[`exits.takeProfits.${i}.percent`]}>
            <input inputMode="decimal" value={step.percent} onChange={(e) => setStep(i, { percent: e.target.value })} />
          </Field>
          <button type="button" onClick={() => set('takeProfits', draft.takeProfits.filter((_, j) => j !== i))} aria-label={`Remove take-profit ${i + 1}`}>
            Remove
          </button>
        </div>
      ))}
      {errors['exits.takeProfits'] && <p className="field-error" role="alert">{errors['exits.takeProfits']}</p>}
      {draft.takeProfits.length < MAX_TAKE_PROFITS && (
        <button type="button" onClick={() => set('takeProfits', [...draft.takeProfits, NEW_STEP])}>
          Add take-profit
        </button>
      )}
      <div className="row">
        <Field label="Trailing stop" error={undefined}>
          <select value={draft.trailingUnit} onChange={(e) => set('trailingUnit', e.target.value as ExitsDraft['trailingUnit'])}>
            <option value="none">None</option>
            <option value="percent">% behind the best price</option>
            <option value="atr">× ATR behind the best price</option>
          </select>
        </Field>
        {draft.trailingUnit !== 'none' && (
          <>
            <Field label="Trailing distance" error={errors['exits.trailing.distance.value']}>
              <input inputMode="decimal" value={draft.trailingValue} onChange={(e) => set('trailingValue', e.target.value)} />
            </Field>
            <Field label="Starts after profit of (%, empty: at once)" error={errors['exits.trailing.activateAfterPercent']}>
              <input inputMode="decimal" value={draft.trailingAfter} onChange={(e) => set('trailingAfter', e.target.value)} />
            </Field>
          </>
        )}
      </div>
      <div className="row">
        <Field label="Break-even" error={errors['exits.breakEven.after']}>
          <select value={draft.breakEven} onChange={(e) => set('breakEven', e.target.value as ExitsDraft['breakEven'])}>
            <option value="none">Never</option>
            <option value="tp1">After take-profit 1</option>
            <option value="profit">After a profit of …</option>
          </select>
        </Field>
        {draft.breakEven === 'profit' && (
          <Field label="Break-even after profit (%)" error={errors['exits.breakEven.percent']}>
            <input inputMode="decimal" value={draft.breakEvenPercent} onChange={(e) => set('breakEvenPercent', e.target.value)} />
          </Field>
        )}
      </div>
      {usesAtr && (
        <Field label="ATR period (bars)" error={errors['exits.atrPeriod']}>
          <input inputMode="numeric" value={draft.atrPeriod} onChange={(e) => set('atrPeriod', e.target.value)} />
        </Field>
      )}
    </fieldset>
  );
}
