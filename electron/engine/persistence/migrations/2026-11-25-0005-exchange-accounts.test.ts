import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/temp-dir.ts';
import { openDatabase } from '../open-database.ts';

describe('the exchange_accounts table', () => {
  it('holds only what an account may store: a JSON object of at most 16 KB, a flag, 4 characters of a key, a known account', async () => {
    const { db, close } = await openDatabase(join(tempDir(), 'm.sqlite'));
    await sql`insert into accounts (id, kind, currency, epoch, created_at) values ('ex', 'exchange', 'USDT', 1, 0)`.execute(db);
    const insert = (options: string, sandbox = 0, last4 = 'ABCD', account = 'ex') =>
      sql`insert into exchange_accounts (account_id, exchange_id, label, sandbox, options_json, secret_ref, api_key_last4, created_at, updated_at)
        values (${account}, 'binance', 'L', ${sandbox}, ${options}, null, ${last4}, 0, 0)`.execute(db);
    await expect(insert('[]')).rejects.toThrow(/CHECK constraint/);
    await expect(insert('{bad')).rejects.toThrow(/CHECK constraint|malformed JSON/);
    await expect(insert(JSON.stringify({ a: 'x'.repeat(16 * 1024) }))).rejects.toThrow(/CHECK constraint/);
    await expect(insert('{}', 2)).rejects.toThrow(/CHECK constraint/);
    await expect(insert('{}', 0, 'ABCDE')).rejects.toThrow(/CHECK constraint/);
    await expect(insert('{}', 0, 'ABCD', 'nobody')).rejects.toThrow(/FOREIGN KEY/);
    await insert('{"timeout":5000}');
    expect(await db.selectFrom('exchangeAccounts').select(['accountId', 'optionsJson']).execute()).toEqual([{ accountId: 'ex', optionsJson: '{"timeout":5000}' }]);
    await close();
  });
});
