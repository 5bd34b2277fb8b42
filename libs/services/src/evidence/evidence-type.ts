// file-type 16 (the last CommonJS release) reads the magic bytes, never the file name.
import { fromBuffer } from 'file-type';

/** What an office accepts as evidence (佐证材料): PDF, images, Word and Excel, recognised by content. */
export const EVIDENCE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The accepted type of some bytes, or null (with what they looked like) when they are not one. */
export async function evidenceTypeOf(
  body: Buffer,
): Promise<{ ext: string; mime: string } | { refused: string }> {
  const found = await fromBuffer(body);
  if (found && EVIDENCE_TYPES[found.ext])
    return { ext: found.ext, mime: EVIDENCE_TYPES[found.ext] };
  return { refused: found ? found.mime : 'unknown' };
}
