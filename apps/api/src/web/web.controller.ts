import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  CADENCE_NAMES,
  CADENCES,
  Cadence,
  CLOCK,
  Clock,
  FILEABLE_REPORT_STATES,
  MIDTERM_RISK_NAMES,
  MidtermRisk,
  PERIOD_PART_LABELS,
  PeriodPartLabel,
} from '@tracker/domain';
import { MAX_DOCUMENT_BYTES } from '@tracker/documents';
import { Public } from '../auth/public.decorator';

export class WebClockResponse {
  @ApiProperty({
    format: 'date-time',
    description: "The tracker's business time (due dates are compared with it)",
  })
  now: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
}

export class DocumentUploadRules {
  @ApiProperty({ description: 'the largest document file the import reads, in bytes' })
  maxBytes: number;
  @ApiProperty({
    example: ['.txt', '.docx', '.doc', '.pdf'],
    description: 'the file types the import reads',
  })
  extensions: string[];
}

export class WebVocabularyResponse {
  @ApiProperty({
    enum: CADENCES,
    isArray: true,
    description: 'the reporting cadences a supervision profile accepts',
  })
  cadences: Cadence[];
  @ApiProperty({ type: DocumentUploadRules }) documentUpload: DocumentUploadRules;
  @ApiProperty({
    description:
      "how a period reads, per part after the year (Q1…Q4, H1, H2, M01…M12, Y); `{year}` stands for the period's year",
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { zh: { type: 'string' }, en: { type: 'string' } },
    },
    example: { Q3: { zh: '{year}年第三季度', en: 'the third quarter of {year}' } },
  })
  periodLabels: Record<string, PeriodPartLabel>;
  @ApiProperty({
    description: "each cadence's name in Chinese and English",
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { zh: { type: 'string' }, en: { type: 'string' } },
    },
    example: { yearly: { zh: '每年', en: 'Yearly' } },
  })
  cadenceNames: Record<Cadence, PeriodPartLabel>;
  @ApiProperty({
    description: "each mid-term review risk's name in Chinese and English",
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { zh: { type: 'string' }, en: { type: 'string' } },
    },
    example: { overdue: { zh: '已过完成时限', en: 'Past its deadline' } },
  })
  midtermRisks: Record<MidtermRisk, PeriodPartLabel>;
  @ApiProperty({
    example: ['pending', 'draft', 'returned'],
    description: 'the report states its lead unit can still draft and file',
  })
  fileableReportStates: string[];
}

/** What the document decoder reads (libs/documents): plain text, Word and PDF with a text layer. */
const DOCUMENT_EXTENSIONS = ['.txt', '.docx', '.doc', '.pdf'];

/** What the web pages need from the server besides the API proper. */
@ApiTags('web')
@Controller('web')
export class WebController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Get('clock')
  @Public()
  @ApiOperation({
    summary:
      "The tracker's clock, so that pages colour due dates by business time, not the browser's",
  })
  @ApiOkResponse({ type: WebClockResponse })
  clockNow(): WebClockResponse {
    return { now: this.clock.now().toISOString(), timeZone: 'Asia/Shanghai' };
  }

  @Get('vocabulary')
  @Public()
  @ApiOperation({
    summary:
      'The vocabulary the pages show (reporting cadences and their names, period labels, the document files the import reads), so they never copy it',
  })
  @ApiOkResponse({ type: WebVocabularyResponse })
  vocabulary(): WebVocabularyResponse {
    return {
      cadences: [...CADENCES],
      periodLabels: { ...PERIOD_PART_LABELS },
      cadenceNames: { ...CADENCE_NAMES },
      midtermRisks: { ...MIDTERM_RISK_NAMES },
      fileableReportStates: [...FILEABLE_REPORT_STATES],
      documentUpload: { maxBytes: MAX_DOCUMENT_BYTES, extensions: [...DOCUMENT_EXTENSIONS] },
    };
  }
}
