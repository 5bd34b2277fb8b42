import { registerDecorator, ValidationArguments } from 'class-validator';

/** The development defaults and the examples published with the project: never a production secret. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-please-0123456789';
export const DEVELOPMENT_LINK_SIGNING_SECRET =
  'development-only-link-signing-key-not-for-production-9876543210';
export const PUBLIC_SECRETS: readonly string[] = [
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_LINK_SIGNING_SECRET,
  // The fallback docker-compose.yml once carried.
  'change-this-secret-to-32-or-more-characters',
];

export const MIN_SECRET_BYTES = 32;
/** Estimated from the characters' frequencies: 32 random bytes in base64 give ~250 bits, "x" × 40 gives 0. */
export const MIN_SECRET_BITS = 128;

/** Shannon estimate of a string's entropy in bits (an upper bound for anything but random text). */
export function estimatedEntropyBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...secret].length;
  let bitsPerChar = 0;
  for (const c of counts.values()) bitsPerChar -= (c / n) * Math.log2(c / n);
  return bitsPerChar * n;
}

/** Why a secret is unfit for production, or null. */
export function secretProblem(secret: string): string | null {
  if (PUBLIC_SECRETS.includes(secret)) return 'is a published development or example value';
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES)
    return `must be at least ${MIN_SECRET_BYTES} bytes`;
  const bits = estimatedEntropyBits(secret);
  if (bits < MIN_SECRET_BITS)
    return `has too little entropy (~${Math.round(bits)} bits, at least ${MIN_SECRET_BITS}); use e.g. \`openssl rand -base64 48\``;
  return null;
}

/**
 * A signing secret fit for production: set, 32+ bytes, not a published value, enough entropy, and
 * (with `differentFrom`) not the same as another secret. Checked only when NODE_ENV=production;
 * development falls back to its own distinct defaults.
 */
export function IsProductionSecret(differentFrom?: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isProductionSecret',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const env = args.object as Record<string, unknown>;
          if (env.NODE_ENV !== 'production')
            return value === undefined || typeof value === 'string';
          if (typeof value !== 'string' || secretProblem(value) !== null) return false;
          return !differentFrom || value !== env[differentFrom];
        },
        defaultMessage(args: ValidationArguments) {
          const env = args.object as Record<string, unknown>;
          const value = args.value as unknown;
          if (typeof value !== 'string') return `${args.property} must be set in production`;
          const problem = secretProblem(value);
          if (problem) return `${args.property} ${problem}`;
          return `${args.property} must differ from ${differentFrom}`;
        },
      },
    });
}
