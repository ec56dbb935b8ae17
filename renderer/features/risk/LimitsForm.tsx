import { useState, type FormEvent } from 'react';
import type { AccountRiskLimits, RiskLimits } from '../../../shared/contract/risk-limits.ts';
import { errorMessage, fieldErrors } from '../../rpc/errors.ts';
import { Field } from '../bots/Field.tsx';
import { fromText, type LimitsText, toText } from './limits-form-values.ts';
import { useRiskLimitsStore } from './risk-limits-store.ts';

const labels = (currency: string): Record<keyof RiskLimits, string> => ({
  maxOpenPositions: 'Max open positions',
  maxSymbolExposure: `Max exposure per symbol (${currency})`,
  maxTotalExposure: `Max total exposure (${currency})`,
  dailyLossLimit: `Daily loss limit (${currency})`,
  dailyResetTime: 'Daily reset time (HH:MM)',
  timeZone: 'Time zone (IANA, e.g. Europe/Berlin)',
  maxDrawdownPct: 'Max drawdown (%)',
  maxPriceAgeSeconds: 'Max price age (seconds)',
});

/** One account's limits; the engine checks the ranges and its messages appear beside their fields. */
export function LimitsForm({ account }: { account: AccountRiskLimits }) {
  const [text, setText] = useState<LimitsText>(() => toText(account.limits));
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const save = useRiskLimitsStore((s) => s.save);
  const names = labels(account.currency);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const parsed = fromText(text);
    if ('errors' in parsed) return setErrors(parsed.errors);
    setErrors({});
    try {
      await save(account.accountId, parsed.limits);
      setMessage({ error: false, text: 'Saved: every new entry on this account passes these limits.' });
    } catch (error) {
      const byField = fieldErrors(error, Object.fromEntries(Object.entries(names).map(([k, v]) => [`limits.${k}`, v])));
      setErrors(Object.fromEntries(Object.entries(byField).map(([k, v]) => [k.replace(/^limits\./, ''), v])));
      setMessage({ error: true, text: errorMessage(error) });
    }
  };

  return (
    <form className="form" aria-label={`Limits of ${account.accountId}`} onSubmit={(e) => void submit(e)}>
      {(Object.keys(names) as (keyof RiskLimits)[]).map((key) => (
        <Field key={key} label={names[key]} error={errors[key]}>
          <input inputMode={key === 'timeZone' || key === 'dailyResetTime' ? 'text' : 'decimal'} placeholder={key === 'timeZone' || key === 'dailyResetTime' ? undefined : 'off'} value={text[key]} onChange={(e) => setText({ ...text, [key]: e.target.value })} />
        </Field>
      ))}
      <div className="actions">
        <button type="submit">Save limits</button>
      </div>
      {message && (
        <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
