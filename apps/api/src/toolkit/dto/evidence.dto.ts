import { IsText } from '@tracker/common';

export class AttachEvidenceQuery {
  /** The file's name as the unit knows it (shown and used for downloads; the type is read from the content). */
  @IsText({ min: 1, max: 255 })
  filename: string;
}
