import { ApiProperty } from '@nestjs/swagger';
import { AMENDMENT_FIELDS } from '@tracker/domain';
import type { RevisionDifference, RevisionPreview, RevisionResult } from '@tracker/services';

export class RevisionChangeResponse {
  @ApiProperty({ enum: AMENDMENT_FIELDS }) field: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'As it stands (units, targets as text)',
  })
  before: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'As the revised text has it' })
  after: string | null;
}

export class RevisionDifferenceResponse {
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) kind: 'added' | 'removed' | 'changed';
  @ApiProperty({ type: [String] }) path: string[];
  @ApiProperty() heading: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) taskId: string | null;
  @ApiProperty({ type: [RevisionChangeResponse] }) changes: RevisionChangeResponse[];
}

/** In the import preview: the document this text revises and what confirming would amend. */
export class RevisionPreviewResponse {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: [RevisionDifferenceResponse] }) differences: RevisionDifferenceResponse[];
}

export class RevisionResultResponse {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ description: 'Tasks amended (a new version each)' }) amended: number;
  @ApiProperty({ description: 'Tasks the revised text adds' }) added: number;
  @ApiProperty({ description: 'Tasks it no longer has (cancelled)' }) removed: number;
  @ApiProperty({ type: [RevisionDifferenceResponse] }) differences: RevisionDifferenceResponse[];
}

const toDifference = (d: RevisionDifference): RevisionDifferenceResponse => ({
  kind: d.kind,
  path: d.path,
  heading: d.heading,
  taskId: d.taskId,
  changes: d.changes.map((c) => ({ field: c.field, before: c.before, after: c.after })),
});

export const toRevisionPreviewResponse = (
  r: RevisionPreview | null,
): RevisionPreviewResponse | null =>
  r
    ? { documentId: r.documentId, title: r.title, differences: r.differences.map(toDifference) }
    : null;

export const toRevisionResultResponse = (r: RevisionResult): RevisionResultResponse => ({
  documentId: r.documentId,
  amended: r.amended,
  added: r.added,
  removed: r.removed,
  differences: r.differences.map(toDifference),
});
