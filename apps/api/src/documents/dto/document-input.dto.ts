import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import {
  IsBase64,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { IsDateOnly, IsOneOf, LINE_CONTROL_CHARS, IsText, NoControlChars } from '@tracker/common';

import { MAX_DOCUMENT_BYTES } from '@tracker/documents';

export { MAX_DOCUMENT_BYTES };

/** A policy document's text, or its bytes in base64 (GB18030 files are decoded). */
export class DocumentInputDto {
  @ApiProperty({ example: '2020-guangxi-manufacturing-breakthrough-year-plan.txt', maxLength: 255 })
  @IsString()
  @MaxLength(255)
  @Matches(/^[^/\\\0]+$/, { message: 'fileName must be a base name without slashes' })
  @NoControlChars()
  fileName: string;

  @ApiPropertyOptional({ description: 'The document as UTF-8 text (give this or contentBase64)' })
  @ValidateIf((o: DocumentInputDto) => o.contentBase64 === undefined)
  @IsString({ message: 'text must be a string (or give contentBase64)' })
  @MaxLength(MAX_DOCUMENT_BYTES)
  @NoControlChars(true)
  text?: string;

  @ApiPropertyOptional({
    description:
      'The file bytes in base64: text (UTF-8 or GB18030), Word (.docx, .doc) or a PDF with a text layer',
  })
  @IsOptional()
  @IsBase64()
  @MaxLength(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4)
  contentBase64?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 自治区工信委: '自治区工业和信息化厅' },
    description:
      'Unit names as the text writes them → the registered unit each stands for. The text is not changed.',
  })
  @IsOptional()
  @IsUnitMap()
  unitMap?: Record<string, string>;
}

/** A flat object of at most 500 short name → name pairs. */
function IsUnitMap(): PropertyDecorator {
  return ValidateBy({
    name: 'isUnitMap',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length <= 500 &&
        Object.entries(value).every(
          ([k, v]) =>
            k.length > 0 &&
            k.length <= 200 &&
            !LINE_CONTROL_CHARS.test(k) &&
            typeof v === 'string' &&
            v.trim().length > 0 &&
            v.length <= 200 &&
            !LINE_CONTROL_CHARS.test(v),
        ),
      defaultMessage: () =>
        'unitMap must map unit names (1–200 characters, no control characters) to registered unit names, at most 500 entries',
    },
  });
}

/** Facts the office may correct after import; an empty string or null clears a field. */
export class DocumentFactsDto {
  @IsText({ max: 500, optional: true })
  title?: string | null;

  @IsText({ max: 100, optional: true })
  docNumber?: string | null;

  @IsText({ max: 200, optional: true })
  issuer?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', example: '2016-03-17' })
  @IsOptional()
  @IsDateOnly()
  issuedOn?: string | null;
}

export class DocumentListQueryDto {
  @IsOneOf(['true', 'false'], {
    optional: true,
    description:
      "true: only the documents in which the signed-in account's units hold a task (office and leaders: every document)",
  })
  held?: 'true' | 'false';
}
