import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 random bits, URL-safe: easy to paste into an alert, impossible to guess. */
export function newPassphrase(): string {
  return randomBytes(16).toString('base64url');
}

/** Only this digest is stored; the passphrase itself is shown to the trader once. */
export function passphraseDigest(passphrase: string): string {
  return createHash('sha256').update(passphrase, 'utf8').digest('hex');
}

/** Constant time: digests of equal length compared with timingSafeEqual, whatever was sent. */
export function passphraseMatches(storedDigest: string, given: string): boolean {
  const expected = Buffer.from(storedDigest, 'hex');
  const actual = createHash('sha256').update(given, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
