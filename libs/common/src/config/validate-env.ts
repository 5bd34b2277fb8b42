import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/** A secret's value never goes to the console, only whether it was set. */
function shown(name: string, value: string | undefined): string {
  if (/SECRET|PASSWORD/.test(name))
    return value === undefined ? 'nothing' : `a value of ${Buffer.byteLength(value)} bytes`;
  return JSON.stringify(value);
}

/**
 * Validates environment variables against a class-validator schema. Every bad variable is
 * listed by name, so a start-up failure says exactly what to fix.
 */
export function validateEnv<T extends object>(
  schema: new () => T,
  env: Record<string, string | undefined>,
): T {
  const instance = plainToInstance(schema, env, { enableImplicitConversion: true });
  const errors = validateSync(instance, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map(
        (e) =>
          `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (got ${shown(e.property, env[e.property])})`,
      ),
    );
  }
  return instance;
}
