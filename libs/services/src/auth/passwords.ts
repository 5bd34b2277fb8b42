import * as argon2 from 'argon2';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes); hashes carry their parameters.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when the username is unknown, so both failures take the same time. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-account-password');
  return dummyHash;
}

// Passwords people reach for first (ASVS 6.2.4 asks for a check against common ones).
const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'iloveyou',
  '11111111',
  '88888888',
  '66666666',
  '00000000',
  '87654321',
  'abc12345',
  'abcd1234',
  'a1234567',
  'qwerty123',
  'admin123',
  'admin1234',
  'administrator',
  'passw0rd',
  'welcome1',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'dragon123',
  'monkey123',
  'letmein1',
  'trustno1',
  '1qaz2wsx',
  'zxcvbnm1',
  'asdfghjk',
  'woaini1314',
  '5201314520',
  'aa123456',
  'qq123456',
  'a123456789',
  'zhang123',
  'wang1234',
  'li123456',
]);

/**
 * Why a new password is refused, or null: at least 8 characters (ASVS 6.2.1; no composition rules),
 * not one of the commonest passwords, not the username.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 8) return 'The password must have at least 8 characters';
  if (password.length > 128) return 'The password must have at most 128 characters';
  if (
    COMMON_PASSWORDS.has(password.toLowerCase()) ||
    password.toLowerCase() === username.toLowerCase()
  ) {
    return 'The password is too common or equals the username';
  }
  return null;
}
