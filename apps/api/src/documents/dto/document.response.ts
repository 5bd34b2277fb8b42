import {
  RevisionPreviewResponse,
  toRevisionPreviewResponse,
} from '../../amendments/dto/revision.response';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ASSIGNMENT_ROLES,
  AssignmentRole,
  CADENCES,
  Cadence,
  RECURRENCES,
  Recurrence,
  STATUS_COLOURS,
  StatusColour,
  TASK_STATES,
  UNITS_SOURCES,
  UnitsSource,
} from '@tracker/domain';
import type {
  DocumentDetail,
  DocumentInput,
  DocumentSummary,
  DocumentTreeNode,
  ImportPreview,
  ImportResult,
  TaskTreeNode,
} from '@tracker/services';
import { iso } from '../../common/iso';
import {
  ProfileFromClausesResponse,
  toProfileFromClausesResponse,
} from '../../cycles/dto/cycle.response';

export class DocumentSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) issuer: string | null;
  @ApiProperty({ type: String, nullable: true, example: '国发〔2016〕1号' })
  docNumber: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) issuedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceFile: string | null;
  @ApiProperty() tasks: number;
  @ApiProperty({ format: 'date-time' }) importedAt: string;
}

export const toDocumentSummaryResponse = (d: DocumentSummary): DocumentSummaryResponse => ({
  id: d.id,
  title: d.title,
  issuer: d.issuer,
  docNumber: d.docNumber,
  issuedOn: d.issuedOn,
  sourceFile: d.sourceFile,
  tasks: d.tasks,
  importedAt: d.importedAt,
});

export class ClauseResponse {
  @ApiProperty({ type: [String], example: ['五', '（三）'] }) path: string[];
  @ApiProperty() text: string;
}

export class DocumentTreeNodeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: [String], example: ['四', '（一）', '1'] }) path: string[];
  @ApiProperty() heading: string;
  @ApiProperty() isTask: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadlineOn: string | null;
  @ApiProperty({ type: () => [DocumentTreeNodeResponse] }) children: DocumentTreeNodeResponse[];
}

const toDocumentTreeNode = (n: DocumentTreeNode): DocumentTreeNodeResponse => ({
  id: n.id,
  path: n.path,
  heading: n.heading,
  isTask: n.isTask,
  deadlineOn: n.deadlineOn,
  children: n.children.map(toDocumentTreeNode),
});

/** One document with its supervision facts and numbered tree. */
export class DocumentDetailResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) issuer: string | null;
  @ApiProperty({ type: String, nullable: true }) docNumber: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) issuedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceFile: string | null;
  @ApiProperty({ type: String, nullable: true, description: '领导小组 as the text names it' })
  leadingBody: string | null;
  @ApiProperty({ type: String, nullable: true, description: '办公室 as the text names it' })
  office: string | null;
  @ApiProperty({ type: [ClauseResponse] }) supervisionClauses: ClauseResponse[];
  @ApiProperty({
    type: ProfileFromClausesResponse,
    description: "the office's edits of the supervision profile (the rest: clauses, defaults)",
  })
  supervisionProfile: ProfileFromClausesResponse;
  @ApiProperty({ format: 'date-time' }) importedAt: string;
  @ApiProperty({ type: [DocumentTreeNodeResponse] }) tree: DocumentTreeNodeResponse[];
}

export const toDocumentDetailResponse = (d: DocumentDetail): DocumentDetailResponse => ({
  id: d.id,
  title: d.title,
  issuer: d.issuer,
  docNumber: d.docNumber,
  issuedOn: d.issuedOn,
  sourceFile: d.sourceFile,
  leadingBody: d.leadingBody,
  office: d.office,
  supervisionClauses: d.supervisionClauses.map((c) => ({ path: c.path, text: c.text })),
  supervisionProfile: toProfileFromClausesResponse(d.supervisionProfile ?? {}),
  importedAt: iso(d.importedAt),
  tree: d.tree.map(toDocumentTreeNode),
});

export class TaskTreeNodeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: [String], example: ['四', '（一）', '1'] }) path: string[];
  @ApiProperty({ example: '四（一）1' }) number: string;
  @ApiProperty() heading: string;
  @ApiProperty() isTask: boolean;
  @ApiProperty({ enum: TASK_STATES }) state: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadlineOn: string | null;
  @ApiProperty({ type: String, nullable: true }) deadlineText: string | null;
  @ApiProperty({ type: [String], description: 'lead units by name' }) leadUnits: string[];
  @ApiProperty({ type: [String], description: 'supporting units by name' })
  supportUnits: string[];
  @ApiProperty({
    enum: STATUS_COLOURS,
    nullable: true,
    description: "a task's status colour; a heading's is the worst below it",
  })
  colour: StatusColour | null;
  @ApiProperty({ type: () => [TaskTreeNodeResponse] }) children: TaskTreeNodeResponse[];
}

export const toTaskTreeNodeResponse = (n: TaskTreeNode): TaskTreeNodeResponse => ({
  id: n.id,
  path: n.path,
  number: n.number,
  heading: n.heading,
  isTask: n.isTask,
  state: n.state,
  deadlineOn: n.deadlineOn,
  deadlineText: n.deadlineText,
  leadUnits: n.leadUnits,
  supportUnits: n.supportUnits,
  colour: n.colour,
  children: n.children.map(toTaskTreeNodeResponse),
});

export class ImportResultResponse {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ description: 'false: the same text was imported before; nothing changed' })
  created: boolean;
  @ApiProperty() tasks: number;
  @ApiProperty() assignments: number;
}

export const toImportResultResponse = (r: ImportResult): ImportResultResponse => ({
  documentId: r.documentId,
  created: r.created,
  tasks: r.tasks,
  assignments: r.assignments,
});

// The extractor's shapes (contracts/extraction.md), described for the import preview.

export class ExtractedTargetResponse {
  @ApiProperty({ description: 'the clause that states the target, as written' }) text: string;
  @ApiProperty() value: number;
  @ApiProperty() unit: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) by: string | null;
}

export class ExtractedTaskResponse {
  @ApiProperty({ type: [String] }) path: string[];
  @ApiProperty() heading: string;
  @ApiProperty({ type: [String] }) leadUnits: string[];
  @ApiProperty({ type: [String] }) supportingUnits: string[];
  @ApiProperty({ enum: UNITS_SOURCES }) unitsSource: UnitsSource;
  @ApiProperty({ type: String, nullable: true }) deadlineText: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadline: string | null;
  @ApiPropertyOptional({ enum: RECURRENCES }) recurrence?: Recurrence;
  @ApiProperty({ type: [ExtractedTargetResponse] }) targets: ExtractedTargetResponse[];
}

export class ExtractedSupervisionResponse {
  @ApiProperty({ type: String, nullable: true }) leadingBody: string | null;
  @ApiProperty({ type: String, nullable: true }) office: string | null;
  @ApiProperty({ enum: CADENCES }) cadence: Cadence;
  @ApiProperty({ type: [ClauseResponse] }) clauses: ClauseResponse[];
}

export class ExtractedDocumentResponse {
  @ApiProperty() file: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) issuer: string | null;
  @ApiProperty({ type: String, nullable: true }) docNumber: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) issuedOn: string | null;
  @ApiProperty({ type: ExtractedSupervisionResponse }) supervision: ExtractedSupervisionResponse;
  @ApiProperty({ type: [ExtractedTaskResponse] }) tasks: ExtractedTaskResponse[];
}

export class UnitProvenanceResponse {
  @ApiProperty() unit: string;
  @ApiProperty({ enum: ASSIGNMENT_ROLES }) role: AssignmentRole;
  @ApiProperty({ description: '1-based line of the clause' }) line: number;
  @ApiProperty({ description: 'the clause as written' }) clause: string;
}

export class OutlineItemResponse {
  @ApiProperty({ example: 'item', description: 'part, chapter, section, item, subitem or box' })
  kind: string;
  @ApiProperty({ type: [String] }) path: string[];
  @ApiProperty() heading: string;
  @ApiProperty({ description: "the item's own text, without its children" }) text: string;
  @ApiProperty({ description: 'goal, principle or situation text (not tasks)' }) excluded: boolean;
  @ApiProperty() isTask: boolean;
  @ApiProperty({ type: [String] }) leadUnits: string[];
  @ApiProperty({ type: [String] }) supportingUnits: string[];
  @ApiProperty({ enum: UNITS_SOURCES }) unitsSource: UnitsSource;
  @ApiProperty({ type: String, nullable: true }) deadlineText: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadline: string | null;
  @ApiPropertyOptional({ enum: RECURRENCES }) recurrence?: Recurrence;
  @ApiProperty({ type: [ExtractedTargetResponse] }) targets: ExtractedTargetResponse[];
  @ApiPropertyOptional({ type: [UnitProvenanceResponse] }) provenance?: UnitProvenanceResponse[];
  @ApiProperty({ type: () => [OutlineItemResponse] }) children: OutlineItemResponse[];
}

export class UnitNameRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class PreviewAssignmentResponse {
  @ApiProperty({ type: [String] }) path: string[];
  @ApiProperty() heading: string;
  @ApiProperty({ enum: ASSIGNMENT_ROLES }) role: AssignmentRole;
  @ApiProperty({ description: 'the name as the document writes it' }) name: string;
  @ApiPropertyOptional({ description: 'the registered name the office mapped it to' })
  mappedTo?: string;
  @ApiProperty({ type: [UnitNameRefResponse], description: 'registered units it resolves to' })
  units: UnitNameRefResponse[];
  @ApiProperty() registered: boolean;
}

export class PreviewWarningResponse {
  @ApiProperty({ example: 'UNIT_NOT_IN_REGISTRY' }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: [String] }) path?: string[];
  @ApiPropertyOptional() unit?: string;
}

export class AlreadyImportedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
}

export class DocumentPreviewResponse {
  @ApiProperty() fileName: string;
  @ApiProperty({ example: 'utf-8' }) encoding: string;
  @ApiProperty({ example: 'text', description: 'text, docx, doc or pdf' }) format: string;
  @ApiProperty() contentHash: string;
  @ApiProperty({ type: AlreadyImportedResponse, nullable: true })
  alreadyImported: AlreadyImportedResponse | null;
  @ApiProperty({
    type: RevisionPreviewResponse,
    nullable: true,
    description:
      'A revised text of a document already imported (same number, title, issuer): the differences to confirm as amendments',
  })
  revisionOf: RevisionPreviewResponse | null;
  @ApiProperty({ type: ExtractedDocumentResponse }) document: ExtractedDocumentResponse;
  @ApiProperty({ type: [OutlineItemResponse] }) outline: OutlineItemResponse[];
  @ApiProperty({ type: [PreviewAssignmentResponse] }) assignments: PreviewAssignmentResponse[];
  @ApiProperty({ type: [PreviewWarningResponse] }) warnings: PreviewWarningResponse[];
}

// The extractor's document and outline go out as the extractor made them (its contract); their
// types are checked against the classes above, so a field it gains must be described here first.
export const toDocumentPreviewResponse = (
  input: DocumentInput & { encoding: string; format: string },
  preview: ImportPreview,
): DocumentPreviewResponse => ({
  fileName: input.fileName,
  encoding: input.encoding,
  format: input.format,
  contentHash: preview.contentHash,
  alreadyImported: preview.alreadyImported,
  revisionOf: toRevisionPreviewResponse(preview.revisionOf),
  document: preview.analysis.document,
  outline: preview.analysis.outline,
  assignments: preview.assignments,
  warnings: preview.warnings,
});
