// The policy-document extractor: text → numbered tree → tasks, units, deadlines, targets (pure).

export type {
  ExtractedDocument,
  ExtractedTarget,
  ExtractedTask,
  ExtractionWarning,
  ExtractionWarningCode,
  ExtractOptions,
  OutlineItem,
  OutlineKind,
  PolicyAnalysis,
  ReportingCadence,
  SupervisionClause,
  SupervisionKind,
  SupervisionProfile,
  UnitsSource,
} from './document.types';

export {
  analysePolicyDocument,
  extractPolicyDocument,
  flattenItems,
} from './policy-document.extractor';
export { analysePolicyDocument as analyzePolicyDocument } from './policy-document.extractor';

export {
  decodePolicyBuffer,
  decodePolicyDocument,
  MAX_DOCUMENT_BYTES,
} from './input/policy-buffer.decoder';
export type {
  DecodedPolicyText,
  PolicyEncoding,
  PolicyFormat,
} from './input/policy-buffer.decoder';
export { DocumentInputError } from './input/document-input.error';
export type { DocumentInputErrorCode } from './input/document-input.error';

export { parseDeadline, findTimePhrases } from './schedule/deadline.parser';
export type { Deadline, DeadlineContext, TimePhrase } from './schedule/deadline.parser';
export { parseTargets } from './targets/target.parser';
export { splitUnitList, cleanUnitName, UnitPrefixExpander } from './units/unit-list.parser';
export { localityKey } from './units/locality-name';
export { findClauses } from './clauses/clause.parser';
export { parseTaskTables, readTaskTables } from './tables/task-table.parser';
export type { TaskTable, TaskTableRow } from './tables/task-table.parser';
export { locateTaskTables } from './tables/task-table.locator';
export type { ColumnRole, LocatedTable, TableShape } from './tables/task-table.locator';
export { parseChineseDate } from './text/chinese-date.parser';
export { supervisionKinds } from './facts/supervision.parser';

export {
  CANONICAL_UNITS,
  UNIT_GROUPS,
  REGION_LOCAL_PREFIX,
  resolveUnit,
  expandGroup,
  findGroup,
  findUnitById,
  isGroupName,
  regionOfDocument,
  unitSeedRows,
} from './registry/unit-registry';
export { inferUnitKind, inferUnitLevel } from './registry/unit-classify';
export type {
  CanonicalUnit,
  RegistryUnitKind,
  RegistryUnitLevel,
  ResolvedUnit,
  UnitGroupRecord,
  UnitSeedRow,
} from './registry/unit-registry.types';
