import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ConfigValidationError, EnvSchema, validateEnv } from '@tracker/common';

const root = path.resolve(__dirname, '../..');

describe('configuration validation', () => {
  it('accepts the empty environment: every setting has a development default', () => {
    expect(() => validateEnv(EnvSchema, {})).not.toThrow();
  });

  it.each([
    ['DB_PORT', 'five-four-three-two'],
    ['PORT', '70000'],
    ['QUEUE_PREFIX', 'has:colon'],
    ['NODE_ENV', 'staging'],
    ['JWT_ACCESS_TTL', 'forever'],
    ['DB_NAME', 'drop table'],
  ])('refuses %s=%s and names it', (name, value) => {
    let caught: unknown;
    try {
      validateEnv(EnvSchema, { [name]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    expect((caught as ConfigValidationError).problems.join('\n')).toContain(name);
  });

  it('refuses production without a JWT secret', () => {
    expect(() => validateEnv(EnvSchema, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    // Strong, distinct secrets pass (test/security/secrets.e2e-spec.ts covers the refusals).
    const secrets = {
      JWT_SECRET: 'q7Vw2L9rT4kZ8mN1xB6cF3hJ5sD0gY2uR8eW4tA6',
      LINK_SIGNING_SECRET: 'P3nM8vC1xZ6bL9kJ2hG5fD7sA0qW4eR1tY3uI8oE',
    };
    expect(() => validateEnv(EnvSchema, { NODE_ENV: 'production', ...secrets })).not.toThrow();
  });

  it('stops the api process at start-up with a message naming the bad setting', () => {
    const result = spawnSync(
      process.execPath,
      ['-r', './scripts/register.js', 'apps/api/src/main.ts'],
      {
        cwd: root,
        env: { ...process.env, DB_PORT: 'not-a-port', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('DB_PORT');
  });
});
