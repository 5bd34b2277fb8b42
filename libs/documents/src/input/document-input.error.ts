export type DocumentInputErrorCode =
  'EMPTY' | 'BINARY' | 'UNDECODABLE' | 'TOO_LARGE' | 'NO_NUMBERED_ITEMS' | 'NO_TEXT_LAYER';

/** A file the extractor refuses; the message names the file and the reason. */
export class DocumentInputError extends Error {
  constructor(
    readonly code: DocumentInputErrorCode,
    readonly fileName: string,
    readonly reason: string,
  ) {
    super(`${fileName}: ${reason}`);
    this.name = 'DocumentInputError';
  }
}
