import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { DomainError } from '@vexil/platform';

/** The formats a whole list is exported in: one JSON object per line, or CSV with a header row. */
export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Items per page an export asks the graph for: memory holds one page, whatever the list's length. */
export const EXPORT_PAGE_SIZE = 200;

/** One page of a list being exported, and the cursor of the next one (null at the end). */
export interface ExportPage {
  items: unknown[];
  next: string | null;
}

/** The `format` query parameter of an export; NDJSON when absent. */
export function exportFormatOf(query: URLSearchParams): ExportFormat {
  const format = query.get('format') ?? 'ndjson';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw DomainError.validation({ format: [`must be one of ${EXPORT_FORMATS.join(', ')}`] });
  return format as ExportFormat;
}

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; objects as JSON.
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (format: ExportFormat, columns: string[], item: unknown) =>
  format === 'csv'
    ? `${columns.map((column) => csvField((item as Record<string, unknown>)[column])).join(',')}\r\n`
    : `${JSON.stringify(item)}\n`;

/**
 * Streams a whole list as a download, page after page: the first page is read before anything is
 * sent (so its failure is an ordinary error answer), each write waits for the socket to drain, and a
 * failure after the headers ends the download short rather than hanging it.
 */
export async function sendExport(
  response: ServerResponse,
  options: { format: ExportFormat; columns: string[]; filename: string },
  first: ExportPage,
  nextPage: (cursor: string) => Promise<ExportPage>,
): Promise<void> {
  const { format, columns, filename } = options;
  response.writeHead(200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}.${format}"`,
  });
  const write = async (text: string) => {
    if (!response.write(text)) await once(response, 'drain');
  };
  try {
    if (format === 'csv') await write(`${columns.join(',')}\r\n`);
    let page = first;
    for (;;) {
      for (const item of page.items) await write(line(format, columns, item));
      if (!page.next || response.destroyed) break;
      page = await nextPage(page.next);
    }
  } finally {
    response.end();
  }
}
