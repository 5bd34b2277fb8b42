import type { Cadence, Recurrence } from '@tracker/domain';
// Public shapes of the extractor. `ExtractedDocument` is exactly the document object of
// contracts/extraction.md; the richer `PolicyAnalysis` adds the outline and warnings for previews.

export type UnitsSource = 'own' | 'inherited' | 'none';
/** The reporting cadence vocabulary is libs/domain's (one list, one parser). */
export type ReportingCadence = Cadence;

export interface ExtractedTarget {
  /** The clause that states the target, as written. */
  text: string;
  value: number;
  unit: string;
  /** ISO date from the time phrase that precedes the figure in its sentence, else null. */
  by: string | null;
}

export interface ExtractedTask {
  path: string[];
  heading: string;
  leadUnits: string[];
  supportingUnits: string[];
  unitsSource: UnitsSource;
  deadlineText: string | null;
  deadline: string | null;
  /**
   * Added to the contract's fields, only on a task whose time limit recurs or stands (`每年`,
   * `每季度`, `长期坚持`): the kind, so an office sees a recurring task rather than a missing date.
   */
  recurrence?: Recurrence;
  targets: ExtractedTarget[];
}

export interface SupervisionClause {
  path: string[];
  text: string;
}

export interface SupervisionProfile {
  leadingBody: string | null;
  office: string | null;
  cadence: ReportingCadence;
  clauses: SupervisionClause[];
}

export interface ExtractedDocument {
  file: string;
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  issuedOn: string | null;
  supervision: SupervisionProfile;
  tasks: ExtractedTask[];
}

export type OutlineKind = 'part' | 'chapter' | 'section' | 'item' | 'subitem' | 'box';

/** Every numbered item of the document (not only tasks), for an import preview. */
export interface OutlineItem {
  kind: OutlineKind;
  path: string[];
  heading: string;
  /** The item's own text: its heading line and body paragraphs, without its children. */
  text: string;
  /** True for goal / principle / situation chapters and items (and everything under them). */
  excluded: boolean;
  isTask: boolean;
  leadUnits: string[];
  supportingUnits: string[];
  unitsSource: UnitsSource;
  deadlineText: string | null;
  deadline: string | null;
  /** As on a task: set only when the time limit recurs (`每年`) or stands (`长期坚持`). */
  recurrence?: Recurrence;
  targets: ExtractedTarget[];
  /** Where each of the item's own units was read: the clause as written and its line (1-based). */
  provenance?: { unit: string; role: 'lead' | 'support'; line: number; clause: string }[];
  children: OutlineItem[];
}

export type SupervisionKind = 'inspection' | 'reporting' | 'bulletin' | 'evaluation';

export type ExtractionWarningCode =
  | 'NO_RESPONSIBILITY_CLAUSES'
  | 'TASK_WITHOUT_UNITS'
  | 'UNIT_NOT_IN_REGISTRY'
  | 'NO_TASKS'
  | 'TABLE_WITHOUT_ROWS'
  | 'LEAD_ASSUMED';

export interface ExtractionWarning {
  code: ExtractionWarningCode;
  message: string;
  path?: string[];
  unit?: string;
}

export interface PolicyAnalysis {
  document: ExtractedDocument;
  outline: OutlineItem[];
  warnings: ExtractionWarning[];
  /** Year that `年内` refers to: issuedOn's, else the title's, file name's or the text's current year. */
  planYear: number | null;
  /** Region the document's units belong to ('guangxi', 'guangdong', 'national'), when it can tell. */
  region: string | null;
}

export interface ExtractOptions {
  /** Base name reported as `file`, and named in error messages. */
  fileName?: string;
}
