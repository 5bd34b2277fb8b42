import { IsText } from '@tracker/common';
import { DocumentInputDto } from '../../documents/dto/document-input.dto';

/** A revised text of an imported document, confirmed as amendments with one reason. */
export class ReviseDocumentDto extends DocumentInputDto {
  @IsText({ min: 1, max: 2_000, multiline: true })
  reason: string;
}
