const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A `--from` or `--to` value in epoch ms, UTC unless the text names a zone. `--to` with a date
 * alone includes that whole day (to 2024-12-31 means through the 31st); a time is exclusive.
 */
export function parseDateBound(text: string, bound: 'from' | 'to'): number | null {
  const iso = DATE_ONLY.test(text) || /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  return bound === 'to' && DATE_ONLY.test(text) ? ms + DAY_MS : ms;
}
