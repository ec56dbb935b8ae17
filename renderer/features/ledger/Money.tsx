import { accountCurrency, formatMoney, roundMoney } from '../../format.ts';
import { useBotsStore } from '../../stores/bots-store.ts';

/** An amount in the account's currency, green when it shows positive and red when it shows negative. */
export function Money({ value, testId }: { value: number; testId?: string }) {
  const currency = useBotsStore((s) => accountCurrency(s.instruments));
  const shown = roundMoney(value);
  const tone = shown > 0 ? 'up' : shown < 0 ? 'down' : '';
  return (
    <span className={`money ${tone}`} data-testid={testId}>
      {formatMoney(value, currency)}
    </span>
  );
}
