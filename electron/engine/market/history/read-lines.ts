import { createReadStream } from 'node:fs';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { forEachLine, lineEnding } from './candle-csv.ts';

/** A candle row is under 200 characters; a line this long is a binary file or not a CSV at all. */
const MAX_LINE_CHARS = 1_000_000;
const CHUNK_BYTES = 1 << 20;

/**
 * Streams a text file's lines to `onLine` in 1 MB chunks (about three times faster than
 * readline here), with \\n, \\r\\n or lone \\r endings. A file without line breaks is refused
 * before it fills the memory.
 */
export async function readLines(path: string, onLine: (line: string) => void): Promise<Result<void>> {
  let ending: '\n' | '\r' | null = null;
  let carry = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })) {
    const text = carry + (chunk as string);
    // A \r at the very end may be half of \r\n: it does not decide the ending alone.
    const probe = text.endsWith('\r') ? text.slice(0, -1) : text;
    ending ??= probe.includes('\n') || probe.includes('\r') ? lineEnding(probe) : null;
    const last = ending === null ? -1 : text.lastIndexOf(ending, ending === '\r' ? text.length - 2 : text.length - 1);
    if (last === -1) {
      carry = text;
      if (carry.length > MAX_LINE_CHARS) return fail('INVALID_INPUT', `${path} has a line over ${MAX_LINE_CHARS.toLocaleString('en-US')} characters long: it is not a candle CSV`);
      continue;
    }
    forEachLine(text.slice(0, last), onLine, ending ?? '\n');
    carry = text.slice(last + 1);
  }
  if (carry !== '') forEachLine(carry, onLine, ending ?? '\n');
  return ok(undefined);
}
