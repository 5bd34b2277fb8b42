import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import {
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_LINK_SIGNING_SECRET,
  EnvSchema,
  validateEnv,
} from '@tracker/common';

const root = path.resolve(__dirname, '../..');
const strong = (): string => randomBytes(48).toString('base64');

/** Starts the real api process; configuration is checked before anything connects. */
function startApi(env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['-r', './scripts/register.js', 'apps/api/src/main.ts'],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DB_PORT: '1', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, stderr: result.stderr };
}

describe('production secrets', () => {
  it.each([
    ['the development JWT secret', 'JWT_SECRET', DEVELOPMENT_JWT_SECRET],
    ["docker-compose's old fallback", 'JWT_SECRET', 'change-this-secret-to-32-or-more-characters'],
    ['a secret shorter than 32 bytes', 'JWT_SECRET', 'Xk3$9vQ!pL2#mZ7&wR'],
    ['a long secret with too little entropy', 'JWT_SECRET', 'ab'.repeat(40)],
    ['the development link-signing secret', 'LINK_SIGNING_SECRET', DEVELOPMENT_LINK_SIGNING_SECRET],
    ['a short link-signing secret', 'LINK_SIGNING_SECRET', 'short'],
  ])('refuses to start the api with %s, naming %s', (_what, name, value) => {
    const env = {
      NODE_ENV: 'production',
      JWT_SECRET: strong(),
      LINK_SIGNING_SECRET: strong(),
      [name]: value,
    };
    const result = startApi(env);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(name);
    expect(result.stderr).not.toContain(value);
  });

  it('refuses a link-signing secret equal to the JWT secret, or none at all', () => {
    const same = strong();
    expect(() =>
      validateEnv(EnvSchema, {
        NODE_ENV: 'production',
        JWT_SECRET: same,
        LINK_SIGNING_SECRET: same,
      }),
    ).toThrow(/LINK_SIGNING_SECRET must differ from JWT_SECRET/);
    expect(() => validateEnv(EnvSchema, { NODE_ENV: 'production', JWT_SECRET: strong() })).toThrow(
      /LINK_SIGNING_SECRET must be set/,
    );
  });

  it('accepts two strong, distinct secrets', () => {
    expect(() =>
      validateEnv(EnvSchema, {
        NODE_ENV: 'production',
        JWT_SECRET: strong(),
        LINK_SIGNING_SECRET: strong(),
      }),
    ).not.toThrow();
  });
});
