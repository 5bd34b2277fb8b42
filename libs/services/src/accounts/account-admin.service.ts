import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK, PAGE_PATHS, Role } from '@tracker/domain';
import { AccountsRepository, RefreshToken, Unit, User } from '@tracker/database';
import { ACCOUNT_TEXT } from '@tracker/notify';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { NoticesService } from '../notices/notices.service';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords';
import { AccountsService, AccountView } from './accounts.service';
import { AccountError } from './accounts.errors';
import { accountContext } from './password-help.service';

export interface CreateAccount {
  username: string;
  displayName: string;
  email?: string | null;
  roles: Role[];
  unitId?: string | null;
  isUnitHead?: boolean;
  password: string;
}

export interface UpdateAccount {
  displayName?: string;
  email?: string | null;
  roles?: Role[];
  unitId?: string | null;
  isUnitHead?: boolean;
  isDisabled?: boolean;
}

/** The admin's account management: create, change roles, unit or status, reset a password. Audited. */
@Injectable()
export class AccountAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateAccount): Promise<AccountView> {
    this.checkPassword(input.password, input.username);
    const id = await this.dataSource.transaction(async (em) => {
      await this.checkUnit(em, input.roles, input.unitId ?? null);
      const taken = await em.getRepository(User).exist({ where: { username: input.username } });
      if (taken)
        throw new AccountError('USERNAME_TAKEN', `Username ${input.username} is already in use`);
      const user = await em.getRepository(User).save(
        em.getRepository(User).create({
          username: input.username,
          displayName: input.displayName,
          email: input.email ?? null,
          roles: input.roles,
          unitId: input.unitId ?? null,
          isUnitHead: input.isUnitHead ?? false,
          passwordHash: await hashPassword(input.password),
        }),
      );
      await this.audit.record(em, {
        actorId: actor.id,
        action: 'account.create',
        targetType: 'user',
        targetId: user.id,
        after: {
          username: user.username,
          roles: user.roles,
          unitId: user.unitId,
          isUnitHead: user.isUnitHead,
        },
        requestId: actor.requestId,
      });
      return user.id;
    });
    return this.view(id);
  }

  async update(actor: Actor, id: string, change: UpdateAccount): Promise<AccountView> {
    await this.dataSource.transaction(async (em) => {
      const user = await em
        .getRepository(User)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new AccountError('USER_NOT_FOUND', `Account ${id} does not exist`);
      if (
        user.id === actor.id &&
        (change.isDisabled || (change.roles && !change.roles.includes('admin')))
      ) {
        throw new AccountError(
          'ACCOUNT_SELF_LOCKOUT',
          'An admin cannot disable their own account or drop their own admin role',
        );
      }
      if (user.id === actor.id) refuseSelfGrant(user, change);
      const before = {
        roles: user.roles,
        unitId: user.unitId,
        isDisabled: user.isDisabled,
        isUnitHead: user.isUnitHead,
        email: user.email,
        displayName: user.displayName,
      };
      const roles = change.roles ?? user.roles;
      const unitId = change.unitId === undefined ? user.unitId : change.unitId;
      await this.checkUnit(em, roles, unitId);
      Object.assign(user, {
        displayName: change.displayName ?? user.displayName,
        email: change.email === undefined ? user.email : change.email,
        roles,
        unitId,
        isUnitHead: change.isUnitHead ?? user.isUnitHead,
        isDisabled: change.isDisabled ?? user.isDisabled,
      });
      // Disabling, or changing what the account may do, ends every session it has at once.
      const revoke =
        (change.isDisabled === true && !before.isDisabled) ||
        JSON.stringify([...before.roles].sort()) !== JSON.stringify([...roles].sort()) ||
        before.unitId !== unitId;
      if (revoke) {
        user.tokenVersion += 1;
        await em
          .getRepository(RefreshToken)
          .update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      }
      await em.getRepository(User).save(user);
      await this.audit.record(em, {
        actorId: actor.id,
        action: 'account.update',
        targetType: 'user',
        targetId: user.id,
        before,
        after: {
          roles,
          unitId,
          isDisabled: user.isDisabled,
          isUnitHead: user.isUnitHead,
          email: user.email,
          displayName: user.displayName,
          sessionsRevoked: revoke,
        },
        requestId: actor.requestId,
      });
    });
    return this.view(id);
  }

  async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const user = await em
        .getRepository(User)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new AccountError('USER_NOT_FOUND', `Account ${id} does not exist`);
      this.checkPassword(password, user.username);
      user.passwordHash = await hashPassword(password);
      user.tokenVersion += 1;
      await em.getRepository(User).save(user);
      await em
        .getRepository(RefreshToken)
        .update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      // The password itself never reaches the log.
      await this.audit.record(em, {
        actorId: actor.id,
        action: 'account.password_reset',
        targetType: 'user',
        targetId: user.id,
        requestId: actor.requestId,
      });
      // The account hears of it (mail to its own address when it has one, always in its inbox);
      // an account without an address learns it from the admin who passes the password on.
      await this.notices.raise(em, {
        dedupKey: `password_reset/${user.id}/v${user.tokenVersion}`,
        kind: 'password_reset',
        level: 0,
        colour: 'blue',
        text: ACCOUNT_TEXT.passwordReset(await accountContext(em, user), user.email || null),
        clause: null,
        linkPath: PAGE_PATHS.ownPassword(),
        recipients: { users: [user.id] },
        unitId: user.unitId,
      });
    });
  }

  /**
   * Anyone changes their own password with the current one. Every other session of the account
   * ends; the one making the change stays signed in. Audited, without either password.
   */
  async changeOwnPassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const user = await em
        .getRepository(User)
        .findOne({ where: { id: actor.id }, lock: { mode: 'pessimistic_write' } });
      if (!user || user.isDisabled)
        throw new AccountError('USER_NOT_FOUND', `Account ${actor.id} does not exist`);
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new AccountError('CURRENT_PASSWORD_WRONG', 'currentPassword does not match', {
          fields: { currentPassword: ['does not match'] },
        });
      }
      const problem = passwordProblem(newPassword, user.username);
      if (problem)
        throw new AccountError('PASSWORD_TOO_WEAK', problem, {
          fields: { newPassword: [problem] },
        });
      if (currentPassword === newPassword) {
        throw new AccountError('PASSWORD_TOO_WEAK', 'The new password equals the current one', {
          fields: { newPassword: ['equals the current password'] },
        });
      }
      user.passwordHash = await hashPassword(newPassword);
      await em.getRepository(User).save(user);
      const ended = await new AccountsRepository(em).revokeOtherSessions(
        user.id,
        this.clock.now(),
        actor.sessionId,
      );
      await this.audit.record(em, {
        actorId: actor.id,
        actorUnitId: actor.unitId,
        action: 'account.password_change',
        targetType: 'user',
        targetId: user.id,
        after: { otherSessionsEnded: ended },
        requestId: actor.requestId,
      });
    });
  }

  private async view(id: string): Promise<AccountView> {
    const found = await this.accounts.findById(id);
    if (!found) throw new AccountError('USER_NOT_FOUND', `Account ${id} does not exist`);
    return found;
  }

  private checkPassword(password: string, username: string): void {
    const problem = passwordProblem(password, username);
    if (problem) throw new AccountError('PASSWORD_TOO_WEAK', problem);
  }

  private async checkUnit(em: EntityManager, roles: Role[], unitId: string | null): Promise<void> {
    if (roles.includes('agency') && !unitId) {
      throw new AccountError(
        'ACCOUNT_UNIT_REQUIRED',
        'An agency account must work for a unit (unitId)',
      );
    }
    if (unitId && !(await em.getRepository(Unit).exist({ where: { id: unitId } }))) {
      throw new AccountError('UNIT_NOT_FOUND', `Unit ${unitId} does not exist`);
    }
  }
}

/** Roles that open task content; an admin gets them only from another admin (audited there). */
const TASK_ROLES: readonly Role[] = ['office', 'leader', 'agency'];

function refuseSelfGrant(user: User, change: UpdateAccount): void {
  const gained = (change.roles ?? []).filter(
    (r) => TASK_ROLES.includes(r) && !user.roles.includes(r),
  );
  const movesUnit =
    change.unitId !== undefined &&
    change.unitId !== user.unitId &&
    (change.roles ?? user.roles).includes('agency');
  if (gained.length || movesUnit) {
    throw new AccountError(
      'ROLE_SELF_GRANT',
      gained.length
        ? `An admin cannot grant ${gained.join(', ')} to their own account`
        : 'An admin cannot move their own account to another unit',
    );
  }
}
