import { fail, ok, type Result } from '../../../shared/errors.ts';

type Key = (number | string)[];

/** A page's position in a sort: the last row's sort values and id, opaque to the client. */
export const encodeCursor = (key: Key): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** The key a cursor holds, if it is one this sort could have made (`size` values, ending with the row id). */
export function decodeCursor(cursor: string, size: number): Result<Key> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  const valid = Array.isArray(key) && key.length === size && key.every((v) => (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string') && Number.isInteger(key.at(-1));
  return valid ? ok(key as Key) : fail('INVALID_INPUT', 'This page position is not valid for the chosen sort; start again from the first page');
}
