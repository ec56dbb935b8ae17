/** A lock's end as the engine words it: "14:32 UTC" (seconds only when there are some), with the date when it is not today (UTC). */
export function lockTime(ms: number, now = Date.now()): string {
  const at = new Date(ms).toISOString();
  const seconds = at.slice(17, 23) === '00.000' ? '' : at.slice(16, 19);
  const clock = `${at.slice(11, 16)}${seconds} UTC`;
  return at.slice(0, 10) === new Date(now).toISOString().slice(0, 10) ? clock : `${at.slice(0, 10)} ${clock}`;
}
