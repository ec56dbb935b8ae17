import type { ExportRequest } from '../../../shared/contract/export.ts';

/** The trader's own zone, for the local-time columns. */
export const traderTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The headless host's download address for an export (the host checks the token; see electron/headless/export-download.ts). */
export const downloadUrl = (request: ExportRequest, token: string): string =>
  `/download/export.csv?${new URLSearchParams({ request: JSON.stringify(request), token })}`;

/** A browser saves a download itself, showing its own progress and a cancel button. */
export function startDownload(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
}
