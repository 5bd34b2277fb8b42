import { DomainError } from '@tracker/common';
import { Clock, Role, SystemClock } from '@tracker/domain';
import { AccountsRepository, AuditEntry, UnitsRepository, User } from '@tracker/database';
import { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { unitUsernames } from './unit-username';

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  unitId: string | null;
}

export interface SeedDemoAccountsResult {
  created: string[];
  updated: string[];
}

const STAFF: DemoAccount[] = [
  { username: 'office', displayName: '领导小组办公室', roles: ['office'], unitId: null },
  { username: 'leader', displayName: '领导小组', roles: ['leader'], unitId: null },
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], unitId: null },
];

/** The accounts a development setup gets: one per unit holding an assignment, plus office, leader and admin. */
export async function demoAccounts(em: EntityManager): Promise<DemoAccount[]> {
  const units = await new UnitsRepository(em).withAssignments();
  const usernames = unitUsernames(
    units.map((u) => u.name),
    new Set(STAFF.map((s) => s.username)),
  );
  return [
    ...STAFF,
    ...units.map((u) => ({
      username: usernames.get(u.name)!,
      displayName: u.name,
      roles: ['agency'] as Role[],
      unitId: u.id,
    })),
  ];
}

/**
 * Upserts the demo accounts by username; running it twice changes nothing. New accounts get the
 * demo password; existing accounts keep theirs. Refused when there is no demo password
 * (production), so a production database never gets accounts with a known password.
 */
export async function seedDemoAccounts(
  em: EntityManager,
  opts: { demoPassword: string | undefined; clock?: Clock },
): Promise<SeedDemoAccountsResult> {
  if (opts.demoPassword === undefined || opts.demoPassword === '') {
    throw new DomainError(
      'DEMO_ACCOUNTS_REFUSED',
      'Demo accounts are not created in production (no DEMO_PASSWORD)',
    );
  }
  const clock = opts.clock ?? new SystemClock();
  const accounts = await demoAccounts(em);
  const existing = new Map(
    (
      await em
        .getRepository(User)
        .find({ select: ['id', 'username', 'displayName', 'email', 'roles', 'unitId'] })
    ).map((u) => [u.username, u]),
  );
  // One hash for every new demo account: they share the password anyway, and argon2 is slow on purpose.
  const passwordHash = accounts.some((a) => !existing.has(a.username))
    ? await hashPassword(opts.demoPassword)
    : '';
  const result: SeedDemoAccountsResult = { created: [], updated: [] };

  for (const account of accounts) {
    const wanted = {
      displayName: account.displayName,
      email: `${account.username}@example.gov.cn`,
      roles: account.roles,
      unitId: account.unitId,
    };
    const found = existing.get(account.username);
    if (!found) {
      const inserted = await em.getRepository(User).insert({
        username: account.username,
        passwordHash,
        isUnitHead: account.unitId !== null,
        createdAt: clock.now(),
        ...wanted,
      });
      await audit(em, clock, 'account.create', String(inserted.identifiers[0]?.id), null, {
        username: account.username,
        ...wanted,
      });
      result.created.push(account.username);
      continue;
    }
    const before = {
      displayName: found.displayName,
      email: found.email,
      roles: found.roles,
      unitId: found.unitId,
    };
    if (JSON.stringify(before) === JSON.stringify(wanted)) continue;
    await em.getRepository(User).update({ id: found.id }, wanted);
    await audit(em, clock, 'account.update', found.id, before, wanted);
    result.updated.push(account.username);
  }
  return result;
}

async function audit(
  em: EntityManager,
  clock: Clock,
  action: string,
  targetId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): Promise<void> {
  await em.getRepository(AuditEntry).insert({
    at: clock.now(),
    actorId: null,
    action,
    targetType: 'user',
    targetId,
    before,
    after,
    channel: 'cli',
  } as never);
}

/** Accounts as `users --json` prints them: username, unit name (or null) and roles. */
export async function listAccounts(
  em: EntityManager,
): Promise<{ username: string; unit: string | null; roles: Role[] }[]> {
  const rows = await new AccountsRepository(em).listEnabled();
  return rows.map((r) => ({ username: r.username, unit: r.unit, roles: r.roles }));
}

/** Whether the database is migrated and holds an account (the CLI sets a fresh one up first). */
export function hasAccounts(em: EntityManager): Promise<boolean> {
  return new AccountsRepository(em).hasAny();
}
