import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { startProbe } from '../support/probe';

interface Operation {
  method: string;
  path: string;
  query: string[];
  body: string[];
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
      }
    >
  >;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
}

/** Every route of the OpenAPI document with the names of its query parameters and body fields. */
function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
      const schema = ref ? doc.components?.schemas?.[ref.split('/').pop() as string] : undefined;
      ops.push({
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: Object.keys(schema?.properties ?? {}),
      });
    }
  }
  return ops;
}

const SEED = 20_261_202;
const TIME_LIMIT_MS = 60_000;

// Values that have broken APIs before: huge and odd numbers, dates that do not exist, control
// characters, deep and wide shapes (within the parser's limits and beyond them).
const nasty = fc.oneof(
  fc.constantFrom(
    '1e20',
    '-1',
    '0',
    '99999999999999999999',
    'NaN',
    '2027-02-30',
    '2027-13-45',
    '\u0000',
    'a\u0007b',
    '%00',
    '../../etc',
    '{{7*7}}',
    "' OR 1=1 --",
    '<script>',
    '',
  ),
  fc.string({ maxLength: 40 }),
  fc.uuid(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nasty },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.array(nasty, { maxLength: 5 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 5, max: 40 })
      .map((d) => JSON.parse('['.repeat(d) + ']'.repeat(d)) as unknown),
  },
);

describe('fuzzing every route from the OpenAPI document', () => {
  let stack: TestStack;
  let api: INestApplication;
  let base: string;
  let ops: Operation[];
  const identities: Record<string, Record<string, string>> = { anonymous: {} };

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi({ PUBLIC_RATE_LIMIT: '100000', LOGIN_RATE_LIMIT: '100000' });
    await api.listen(0, '127.0.0.1');
    base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    const ds = api.get(DataSource);
    const unit = await givenUnit(ds, '甲厅');
    await givenUser(ds, 'office1', ['office']);
    await givenUser(ds, 'agency1', ['agency'], unit.id);
    identities.office = (await loginAs(api, 'office1')).auth;
    identities.agency = (await loginAs(api, 'agency1')).auth;
    ops = operationsOf((await (await fetch(`${base}/api/docs-json`)).json()) as OpenApiDoc)
      // Signing out would only turn the rest of the run into 401s.
      .filter((o) => o.path !== '/api/auth/logout');
  });
  afterAll(() => stack.close());

  it('derives the routes from /api/docs-json', () => {
    expect(ops.length).toBeGreaterThan(40);
    expect(
      ops.some((o) => o.path === '/api/reports/{id}/draft' && o.body.includes('targetValues')),
    ).toBe(true);
  });

  it('answers every fuzzed request below 500 while a probe keeps being answered within 1 s', async () => {
    const probe = startProbe(`${base}/api/web/clock`);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const request = fc.record({
      op: fc.constantFrom(...ops),
      who: fc.constantFrom('anonymous', 'office', 'agency'),
      pathValue: fc.oneof(fc.uuid(), nasty.map(String)),
      query: fc.array(fc.tuple(fc.nat(), value), { maxLength: 4 }),
      body: fc.array(fc.tuple(fc.nat(), value), { maxLength: 6 }),
      raw: fc.option(fc.string({ maxLength: 200 }), { freq: 5 }),
    });
    await fc
      .assert(
        fc.asyncProperty(request, async ({ op, who, pathValue, query, body, raw }) => {
          const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(pathValue));
          const qs = new URLSearchParams();
          for (const [i, v] of query)
            if (op.query.length)
              qs.append(
                op.query[i % op.query.length],
                typeof v === 'string' ? v : JSON.stringify(v),
              );
          const fields = Object.fromEntries(
            body.map(([i, v]) => [op.body.length ? op.body[i % op.body.length] : `f${i}`, v]),
          );
          const hasBody = op.method !== 'GET' && op.method !== 'HEAD';
          const res = await fetch(`${base}${path}${qs.size ? `?${qs}` : ''}`, {
            method: op.method,
            headers: {
              ...identities[who],
              ...(hasBody ? { 'content-type': 'application/json' } : {}),
            },
            body: hasBody ? (raw ?? JSON.stringify(fields)) : undefined,
            signal: AbortSignal.timeout(10_000),
          });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500)
            failures.push(
              `${res.status} ${op.method} ${path}?${qs} as ${who}: ${raw ?? JSON.stringify(fields)}`.slice(
                0,
                400,
              ),
            );
          return res.status < 500;
        }),
        {
          seed: SEED,
          numRuns: 100_000,
          interruptAfterTimeLimit: TIME_LIMIT_MS,
          markInterruptAsFailure: false,
          endOnFailure: true,
        },
      )
      .catch((error: unknown) => {
        failures.push(String(error).slice(0, 2000));
      });
    const seen = await probe.stop();
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(failures).toEqual([]);
    expect(total).toBeGreaterThan(300);
    expect(seen.failures).toBe(0);
    expect(seen.maxMs).toBeLessThan(1_000);
  }, 120_000);
});
