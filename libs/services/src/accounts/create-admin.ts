import { DomainError } from '@tracker/common';
import { Clock, SystemClock } from '@tracker/domain';
import { AccountsRepository, AuditEntry, User } from '@tracker/database';
import { EntityManager } from 'typeorm';
import { hashPassword, passwordProblem } from '../auth/passwords';
import { AccountError } from './accounts.errors';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,62}$/;

export interface NewAdmin {
  username: string;
  password: string;
  displayName?: string;
  email?: string | null;
}

/**
 * The first (or another) admin account, from the command line: works in production, where no
 * demo account exists. Refuses a weak password and a username in use; audited (channel cli).
 */
export async function createAdminAccount(
  em: EntityManager,
  input: NewAdmin,
  clock: Clock = new SystemClock(),
): Promise<{ id: string; username: string }> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'username must be 2–63 lowercase letters, digits, ".", "_" or "-"',
    );
  }
  const problem = passwordProblem(input.password, username);
  if (problem) throw new AccountError('PASSWORD_TOO_WEAK', problem);
  if (await em.getRepository(User).exist({ where: { username } })) {
    throw new AccountError('USERNAME_TAKEN', `Username ${username} is already in use`);
  }
  const inserted = await em.getRepository(User).insert({
    username,
    displayName: input.displayName ?? '系统管理员',
    email: input.email ?? null,
    roles: ['admin'],
    unitId: null,
    isUnitHead: false,
    passwordHash: await hashPassword(input.password),
    createdAt: clock.now(),
  });
  const id = String(inserted.identifiers[0]?.id);
  await em.getRepository(AuditEntry).insert({
    at: clock.now(),
    actorId: null,
    action: 'account.create',
    targetType: 'user',
    targetId: id,
    before: null,
    after: { username, roles: ['admin'] },
    channel: 'cli',
  } as never);
  return { id, username };
}

/** Enabled admin accounts: a production setup without one says how to create the first. */
export function activeAdminCount(em: EntityManager): Promise<number> {
  return new AccountsRepository(em).countActiveAdmins();
}
