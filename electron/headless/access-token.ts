import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 bits of randomness, URL-safe: printed in the URL the trader opens. */
export function newAccessToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Constant-time comparison of digests, so neither timing nor length leaks the token. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
