import { StreamableFile } from '@nestjs/common';
import type { ApiResponseOptions } from '@nestjs/swagger';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A download's 2xx in OpenAPI: its media type and a binary (or text) body instead of a JSON schema. */
export function fileResponse(mediaType: string, description: string): ApiResponseOptions {
  const text = mediaType.startsWith('text/');
  return {
    description,
    content: { [mediaType]: { schema: { type: 'string', ...(text ? {} : { format: 'binary' }) } } },
  };
}

/**
 * A download as an attachment: `fallback` is the plain ASCII name for old clients, `filename` the
 * real (often Chinese) name, percent-encoded as RFC 6266 asks.
 */
export function attachment(
  content: Buffer,
  type: string,
  fallback: string,
  filename: string,
): StreamableFile {
  return new StreamableFile(content, {
    type,
    disposition: `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    length: content.length,
  });
}
