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
