import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ExportRequestSchema } from '../../shared/contract/export.ts';
import type { ExportService } from '../engine/history/export/export-service.ts';

/** Where a browser downloads an export (the UI's link carries the token, as its WebSocket address does). */
export const EXPORT_DOWNLOAD_PATH = '/download/export.csv';

const refuse = (res: ServerResponse, status: number, message: string) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code: 'INVALID_INPUT', status, message }));
};

function parseRequest(text: string | null) {
  let json: unknown = {};
  try {
    if (text !== null) json = JSON.parse(text);
  } catch {
    return { success: false as const, message: 'The export request is not valid JSON' };
  }
  const parsed = ExportRequestSchema.safeParse(json);
  return parsed.success ? { success: true as const, request: parsed.data } : { success: false as const, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ') };
}

/**
 * Streams an export as a download, chunk by chunk with the socket's backpressure, so a slow
 * browser holds one chunk in memory, not the file. A browser that cancels closes the socket:
 * the export stops at the next chunk. A failure midway breaks the connection instead of ending
 * it, so the browser marks the download failed rather than keeping a half file as complete.
 */
export async function serveExportDownload(exports: ExportService, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET') return refuse(res, 405, 'Downloads are fetched with GET');
  const parsed = parseRequest(query.get('request'));
  if (!parsed.success) return refuse(res, 400, parsed.message);
  const cancel = new AbortController();
  res.on('close', () => cancel.abort());
  const csv = exports.csv(parsed.request, cancel.signal);
  if (!csv.ok) return refuse(res, 400, csv.error.message);
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${exports.fileName(parsed.request)}"`,
    'cache-control': 'no-store',
    'x-export-rows': String(csv.value.total),
  });
  try {
    for await (const piece of csv.value.pieces) {
      if (!res.write(piece.text)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end();
  } catch (error) {
    res.destroy();
    if (!cancel.signal.aborted) throw error;
  }
}
