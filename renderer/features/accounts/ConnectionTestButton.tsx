import { useState } from 'react';
import type { ConnectionTestRequest } from '../../../shared/contract/accounts.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { describeConnection } from './exchange-form.ts';

/** Loads markets and the balance with these settings and shows the outcome, or the exchange's own error, as it said it. */
export function ConnectionTestButton({ request, disabled }: { request: () => ConnectionTestRequest | null; disabled?: boolean }) {
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, setTesting] = useState(false);
  async function test() {
    const body = request();
    if (!body) return;
    setTesting(true);
    setOutcome(null);
    try {
      setOutcome({ ok: true, text: describeConnection(await client.accounts.testConnection(body)) });
    } catch (error) {
      setOutcome({ ok: false, text: `Connection failed: ${errorMessage(error)}` });
    } finally {
      setTesting(false);
    }
  }
  return (
    <>
      <button type="button" onClick={() => void test()} disabled={disabled || testing}>
        {testing ? 'Testing…' : 'Test connection'}
      </button>
      {outcome && (
        <span role="status" className={outcome.ok ? 'ok' : 'error'} data-testid="connection-result">
          {outcome.text}
        </span>
      )}
    </>
  );
}
