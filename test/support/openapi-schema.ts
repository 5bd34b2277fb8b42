/** Just enough of an OpenAPI 3.0 document to check the api's answers against what it documents. */
export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
export type ResponseObject = {
  description?: string;
  content?: Record<string, { schema?: Schema }>;
};
export type Operation = { operationId?: string; responses?: Record<string, ResponseObject> };
export type OpenApiDoc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const COMPONENT = '#/components/schemas/';

export function resolve(doc: OpenApiDoc, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i++) {
    const target = doc.components?.schemas?.[s.$ref.replace(COMPONENT, '')];
    if (!target) throw new Error(`unresolved ${s.$ref}`);
    s = { ...target, nullable: s.nullable || target.nullable };
  }
  return s;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Where a value departs from a schema, as `path: why`: a key the schema does not declare, a
 * required key missing, a null where it is not nullable, a wrong type, format or enum value.
 */
export function conformance(doc: OpenApiDoc, value: unknown, schema: Schema, at = '$'): string[] {
  const s = resolve(doc, schema);
  if (value === null) return s.nullable ? [] : [`${at}: null, not nullable`];
  if (s.allOf?.length) {
    if (s.allOf.length === 1) return conformance(doc, value, s.allOf[0], at);
    return s.allOf.flatMap((part) => conformance(doc, value, part, at));
  }
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives?.length) {
    const each = alternatives.map((alt) => conformance(doc, value, alt, at));
    return each.some((p) => p.length === 0) ? [] : each.flat();
  }
  if (s.enum && !s.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in enum`];
  switch (s.type) {
    case 'string':
      if (typeof value !== 'string') return [`${at}: ${typeof value}, not a string`];
      if (s.format === 'date-time' && !ISO_INSTANT.test(value)) return [`${at}: not date-time`];
      if (s.format === 'date' && !DATE_ONLY.test(value)) return [`${at}: not a date`];
      return [];
    case 'number':
    case 'integer':
      return typeof value === 'number' ? [] : [`${at}: ${typeof value}, not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: ${typeof value}, not a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: not an array`];
      return value.flatMap((item, i) => conformance(doc, item, s.items ?? {}, `${at}[${i}]`));
    case 'object':
    case undefined: {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
      if (!s.properties) return [];
      const record = value as Record<string, unknown>;
      const problems = (s.required ?? [])
        .filter((k) => !(k in record))
        .map((k) => `${at}.${k}: required, missing`);
      for (const [k, v] of Object.entries(record)) {
        const property = s.properties[k];
        if (property) problems.push(...conformance(doc, v, property, `${at}.${k}`));
        else if (!s.additionalProperties) problems.push(`${at}.${k}: not documented`);
      }
      return problems;
    }
    default:
      return [`${at}: unknown schema type ${s.type}`];
  }
}
