import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createStack, TestStack } from '../support/harness';
import { OpenApiDoc, Schema } from '../support/openapi-schema';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** A schema that says something: a $ref, a type, or a composition of those. `{}` says nothing. */
function isTyped(schema: Schema | undefined): boolean {
  if (!schema) return false;
  if (schema.$ref) return true;
  for (const parts of [schema.allOf, schema.oneOf, schema.anyOf]) {
    if (parts?.length) return parts.every(isTyped);
  }
  if (!schema.type) return false;
  if (schema.type === 'array') return isTyped(schema.items);
  // A bare `object` (what a TypeScript object literal type reflects as) says nothing of its shape.
  if (schema.type === 'object') return !!schema.properties || !!schema.additionalProperties;
  return true;
}

function refsIn(schema: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => refsIn(s, into));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string') into.add(value);
      else refsIn(value, into);
    }
  }
  return into;
}

/** Every operation's problems with its success answer, as `METHOD /path: why`. */
function responseProblems(doc: OpenApiDoc): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const success = Object.entries(op.responses ?? {}).filter(([status]) =>
        /^2\d\d$/.test(status),
      );
      if (!success.length) {
        problems.push(`${name}: no 2xx response`);
        continue;
      }
      for (const [status, response] of success) {
        if (status === '204') continue;
        const content = response.content ?? {};
        const types = Object.keys(content);
        if (!types.length) {
          problems.push(`${name}: ${status} declares no content`);
          continue;
        }
        for (const type of types) {
          if (type !== 'application/json') continue;
          if (!isTyped(content[type].schema))
            problems.push(`${name}: ${status} application/json has no typed schema`);
        }
      }
    }
  }
  return problems;
}

function componentProblems(doc: OpenApiDoc): string[] {
  const schemas = doc.components?.schemas ?? {};
  const problems: string[] = [];
  for (const ref of refsIn(doc, new Set())) {
    const name = ref.replace('#/components/schemas/', '');
    if (!ref.startsWith('#/components/schemas/') || !schemas[name])
      problems.push(`${ref}: does not resolve to a component`);
  }
  for (const [name, schema] of Object.entries(schemas)) {
    for (const [prop, propSchema] of Object.entries(schema.properties ?? {})) {
      if (!isTyped(propSchema)) problems.push(`${name}.${prop}: no type or $ref`);
    }
  }
  return problems;
}

describe('GET /api/docs-json: the response contract', () => {
  let stack: TestStack;
  let api: INestApplication;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    doc = (await request(api.getHttpServer()).get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => stack.close());

  it('gives every operation a 2xx answer with a typed JSON schema or a declared file type', () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThan(40);
    const problems = responseProblems(doc);
    expect({ count: problems.length, problems }).toEqual({ count: 0, problems: [] });
  });

  it('resolves every $ref to a component whose properties are all typed', () => {
    const problems = componentProblems(doc);
    expect({ count: problems.length, problems }).toEqual({ count: 0, problems: [] });
  });

  it('keeps the outside contract: POST /api/auth/login answers an accessToken', () => {
    const login = doc.paths['/api/auth/login']?.post;
    const schema = login?.responses?.['200']?.content?.['application/json']?.schema ?? {};
    const target = schema.$ref
      ? doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]
      : schema;
    expect(target?.properties?.accessToken?.type).toBe('string');
  });
});
