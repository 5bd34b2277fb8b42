import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsBase64, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { NoControlChars } from '@tracker/common';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

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

  @ApiPropertyOptional({ description: 'The file bytes in base64 (UTF-8 or GB18030)' })
  @IsOptional()
  @IsBase64()
  @MaxLength(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4)
  contentBase64?: string;
}
