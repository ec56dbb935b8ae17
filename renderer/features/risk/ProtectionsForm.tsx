import { type InputHTMLAttributes, useEffect, useState } from 'react';
import { ProtectionConfigSchema, type ProtectionConfig } from '../../../shared/contract/risk-locks.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { Field } from '../bots/Field.tsx';

type Errors = Record<string, string>;

/** Field gives its control an id and aria attributes: they are passed on to the input. */
function NumberInput({ value, onChange, step = 1, ...labelled }: { value: number; onChange: (n: number) => void; step?: number } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  return <input {...labelled} type="number" step={step} value={Number.isFinite(value) ? value : ''} onChange={(e) => onChange(e.target.valueAsNumber)} />;
}

function Enabled({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

/** One account's protections (freqtrade's StoplossGuard, CooldownPeriod, LowProfitPairs), checked here and again by the engine. */
export function ProtectionsForm({ accountId }: { accountId: string }) {
  const [config, setConfig] = useState<ProtectionConfig | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    setConfig(null);
    void client.risk.protections({ accountId }).then(setConfig, (e: unknown) => setMessage(errorMessage(e)));
  }, [accountId]);
  if (!config) return <p className="muted">{message ?? 'Loading…'}</p>;
  const { stopLossGuard: guard, cooldown, lowProfit } = config;
  const set = <K extends keyof ProtectionConfig>(key: K, change: Partial<ProtectionConfig[K]>) => setConfig({ ...config, [key]: { ...config[key], ...change } });
  const save = async () => {
    const parsed = ProtectionConfigSchema.safeParse(config);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
      return;
    }
    try {
      setConfig(await client.risk.setProtections({ accountId, config: parsed.data }));
      setErrors({});
      setMessage('Saved');
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };
  return (
    <form className="protections" aria-label="Protections" onSubmit={(e) => (e.preventDefault(), void save())}>
      <fieldset>
        <legend>Stop-loss guard</legend>
        <Enabled label="Lock entries after repeated stop-losses" checked={guard.enabled} onChange={(enabled) => set('stopLossGuard', { enabled })} />
        <Field label="Stop-losses" error={errors['stopLossGuard.tradeLimit']}><NumberInput value={guard.tradeLimit} onChange={(tradeLimit) => set('stopLossGuard', { tradeLimit })} /></Field>
        <Field label="Within (min)" error={errors['stopLossGuard.lookbackMinutes']}><NumberInput value={guard.lookbackMinutes} onChange={(lookbackMinutes) => set('stopLossGuard', { lookbackMinutes })} /></Field>
        <Field label="Lock for (min)" error={errors['stopLossGuard.lockMinutes']}><NumberInput value={guard.lockMinutes} onChange={(lockMinutes) => set('stopLossGuard', { lockMinutes })} /></Field>
        <Enabled label="Lock only the stopped-out symbol (else every symbol)" checked={guard.perSymbol} onChange={(perSymbol) => set('stopLossGuard', { perSymbol })} />
      </fieldset>
      <fieldset>
        <legend>Cooldown per symbol</legend>
        <Enabled label="No new entry in a symbol right after its position closes" checked={cooldown.enabled} onChange={(enabled) => set('cooldown', { enabled })} />
        <Field label="Cooldown (min)" error={errors['cooldown.lockMinutes']}><NumberInput value={cooldown.lockMinutes} onChange={(lockMinutes) => set('cooldown', { lockMinutes })} /></Field>
      </fieldset>
      <fieldset>
        <legend>Low-profit symbol lock</legend>
        <Enabled label="Lock a symbol whose recent trades made too little" checked={lowProfit.enabled} onChange={(enabled) => set('lowProfit', { enabled })} />
        <Field label="At least (trades)" error={errors['lowProfit.tradeLimit']}><NumberInput value={lowProfit.tradeLimit} onChange={(tradeLimit) => set('lowProfit', { tradeLimit })} /></Field>
        <Field label="Within (min)" error={errors['lowProfit.lookbackMinutes']}><NumberInput value={lowProfit.lookbackMinutes} onChange={(lookbackMinutes) => set('lowProfit', { lookbackMinutes })} /></Field>
        <Field label="Required profit (%)" error={errors['lowProfit.requiredProfit']}><NumberInput step={0.1} value={Number((lowProfit.requiredProfit * 100).toPrecision(12))} onChange={(pct) => set('lowProfit', { requiredProfit: pct / 100 })} /></Field>
        <Field label="Lock for (min)" error={errors['lowProfit.lockMinutes']}><NumberInput value={lowProfit.lockMinutes} onChange={(lockMinutes) => set('lowProfit', { lockMinutes })} /></Field>
      </fieldset>
      <button type="submit">Save protections</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
