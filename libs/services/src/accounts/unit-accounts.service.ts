import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AccountInvitation,
  DocumentUnitAccounts,
  PolicyDocument,
  Unit,
  UnitAccountsRepository,
  User,
} from '@tracker/database';
import { Clock, CLOCK } from '@tracker/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { ActionLinksService } from '../action-links/action-links.service';
import { AuditService } from '../audit/audit.service';
import { AuthRequestContext, AuthService, TokenPair } from '../auth/auth.service';
import { hashPassword, passwordProblem } from '../auth/passwords';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { AccountError } from './accounts.errors';
import { unitSlug } from './unit-username';

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 14 * 86_400_000;

/** For one unit of a document: open an account now, or invite someone by mail to open it. */
export type UnitAccountRequest =
  | { unitId: string; mode: 'create'; username: string; password: string; email?: string | null }
  | { unitId: string; mode: 'invite'; email: string };

export interface UnitAccountOutcome {
  unitId: string;
  mode: 'create' | 'invite';
  account: { id: string; username: string } | null;
  invitation: { id: string; email: string; expiresAt: Date } | null;
}

/** A unit of the document with its accounts, and the username its first account would get. */
export interface UnitAccountsView extends DocumentUnitAccounts {
  suggestedUsername: string;
}

/** What the welcome page shows before the invitee chooses a username and password. */
export interface InvitationView {
  id: string;
  unit: { id: string; name: string };
  document: { id: string; title: string | null } | null;
  email: string;
  expiresAt: Date;
  suggestedUsername: string;
}

/**
 * Accounts for a document's units: which units have none, and the office's offer to create one or
 * invite someone by mail. The invitation row is the mail's outbox row (its job is enqueued after
 * the commit); the link is signed like the acknowledge links and works once.
 */
@Injectable()
export class UnitAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly links: ActionLinksService,
    private readonly outbox: MailOutboxService,
    private readonly auth: AuthService,
  ) {}

  async listForDocument(documentId: string): Promise<UnitAccountsView[]> {
    await this.requireDocument(this.dataSource.manager, documentId);
    const units = await new UnitAccountsRepository(this.dataSource.manager).forDocument(
      documentId,
      this.clock.now(),
    );
    return units.map((u) => ({ ...u, suggestedUsername: unitSlug(u.unitName) }));
  }

  /** Creates the accounts and invitations asked for, all or none (audited); invitation mails go after the commit. */
  async provide(
    actor: Actor,
    documentId: string,
    requests: UnitAccountRequest[],
  ): Promise<UnitAccountOutcome[]> {
    requests.forEach((r, i) => {
      if (r.mode !== 'create') return;
      const problem = passwordProblem(r.password, r.username);
      if (problem)
        throw new AccountError('PASSWORD_TOO_WEAK', problem, {
          fields: { [`items.${i}.password`]: [problem] },
        });
    });
    const hashes = await Promise.all(
      requests.map((r) => (r.mode === 'create' ? hashPassword(r.password) : Promise.resolve(null))),
    );
    return this.dataSource.transaction(async (em) => {
      await this.requireDocument(em, documentId);
      const repo = new UnitAccountsRepository(em);
      const held = await repo.unitsOfDocument(documentId, [
        ...new Set(requests.map((r) => r.unitId)),
      ]);
      const outside = requests.findIndex((r) => !held.has(r.unitId));
      if (outside >= 0) {
        throw new AccountError(
          'UNIT_NOT_IN_DOCUMENT',
          `Unit ${requests[outside].unitId} holds no task of document ${documentId}`,
          {
            fields: { [`items.${outside}.unitId`]: ['is not a unit of this document'] },
          },
        );
      }
      const out: UnitAccountOutcome[] = [];
      for (const [i, r] of requests.entries()) {
        if (r.mode === 'create')
          out.push(await this.createAccount(em, actor, documentId, r, hashes[i] as string, i));
        else out.push(await this.invite(em, actor, documentId, r));
      }
      const jobs = out
        .filter((o) => o.invitation)
        .map((o) => ({
          name: 'invitation-deliver' as const,
          invitationId: (o.invitation as { id: string }).id,
        }));
      await this.outbox.afterCommit(em, jobs);
      return out;
    });
  }

  /** The invitation behind a link, for the welcome page. */
  async readInvitation(invitationId: string, token: string): Promise<InvitationView> {
    const found = await new UnitAccountsRepository(this.dataSource.manager).findByTokenHash(
      this.links.tokenHash(token),
    );
    const invitation = this.check(found, invitationId, token);
    return {
      id: invitation.id,
      unit: { id: invitation.unitId, name: invitation.unitName },
      document: invitation.documentId
        ? { id: invitation.documentId, title: invitation.documentTitle }
        : null,
      email: invitation.email,
      expiresAt: invitation.expiresAt,
      suggestedUsername: unitSlug(invitation.unitName),
    };
  }

  /**
   * The invitee opens the unit's agency account with a username and password of their choice and
   * is signed in. The invitation is locked and spent in the same transaction: accepting twice
   * (even at once) opens one account.
   */
  async acceptInvitation(
    invitationId: string,
    token: string,
    choice: { username: string; password: string },
    ctx: AuthRequestContext = {},
  ): Promise<TokenPair> {
    // A forged link is refused before any costly work (the password hash).
    if (!this.links.verifyInvitationToken(invitationId, token)) {
      throw new AccountError(
        'INVITATION_INVALID',
        `This link is not valid for invitation ${invitationId}`,
      );
    }
    const problem = passwordProblem(choice.password, choice.username);
    if (problem)
      throw new AccountError('PASSWORD_TOO_WEAK', problem, { fields: { password: [problem] } });
    const passwordHash = await hashPassword(choice.password);
    const user = await this.dataSource.transaction(async (em) => {
      const repo = new UnitAccountsRepository(em);
      const invitation = this.check(
        await repo.lockByTokenHash(this.links.tokenHash(token)),
        invitationId,
        token,
      );
      if (await em.getRepository(User).exist({ where: { username: choice.username } })) {
        throw new AccountError('USERNAME_TAKEN', `Username ${choice.username} is already in use`, {
          fields: { username: ['is already in use'] },
        });
      }
      const created = await em.getRepository(User).save(
        em.getRepository(User).create({
          username: choice.username,
          displayName: invitation.unitName,
          email: invitation.email,
          roles: ['agency'],
          unitId: invitation.unitId,
          passwordHash,
        }),
      );
      const now = this.clock.now();
      await repo.markAccepted(invitation.id, created.id, now);
      const entry = {
        actorId: created.id,
        actorUnitId: created.unitId,
        channel: 'email' as const,
        requestId: ctx.requestId,
      };
      await this.audit.record(em, {
        ...entry,
        action: 'account.create',
        targetType: 'user',
        targetId: created.id,
        after: {
          username: created.username,
          roles: created.roles,
          unitId: created.unitId,
          invitationId: invitation.id,
        },
      });
      await this.audit.record(em, {
        ...entry,
        action: 'invitation.accept',
        targetType: 'account_invitation',
        targetId: invitation.id,
        before: { acceptedAt: null },
        after: { acceptedAt: now.toISOString(), userId: created.id },
      });
      return created;
    });
    return this.auth.startSession(
      { id: user.id, username: user.username, unitId: user.unitId },
      ctx,
    );
  }

  private check(
    found: Awaited<ReturnType<UnitAccountsRepository['findByTokenHash']>>,
    invitationId: string,
    token: string,
  ) {
    // A forged, altered or unknown link reads the same: invalid.
    if (
      !found ||
      found.id !== invitationId ||
      !this.links.verifyInvitationToken(invitationId, token)
    ) {
      throw new AccountError(
        'INVITATION_INVALID',
        `This link is not valid for invitation ${invitationId}`,
      );
    }
    if (found.acceptedAt)
      throw new AccountError(
        'INVITATION_USED',
        `The invitation was accepted at ${found.acceptedAt.toISOString()}`,
      );
    if (found.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new AccountError(
        'INVITATION_EXPIRED',
        `The invitation expired at ${found.expiresAt.toISOString()}`,
      );
    }
    return found;
  }

  private async createAccount(
    em: EntityManager,
    actor: Actor,
    documentId: string,
    r: Extract<UnitAccountRequest, { mode: 'create' }>,
    passwordHash: string,
    i: number,
  ): Promise<UnitAccountOutcome> {
    if (await em.getRepository(User).exist({ where: { username: r.username } })) {
      throw new AccountError('USERNAME_TAKEN', `Username ${r.username} is already in use`, {
        fields: { [`items.${i}.username`]: ['is already in use'] },
      });
    }
    const unitName =
      (
        await em
          .getRepository(Unit)
          .findOne({ where: { id: r.unitId }, select: { id: true, name: true } })
      )?.name ?? r.username;
    const user = await em.getRepository(User).save(
      em.getRepository(User).create({
        username: r.username,
        displayName: unitName,
        email: r.email ?? null,
        roles: ['agency'],
        unitId: r.unitId,
        passwordHash,
      }),
    );
    await this.audit.record(em, {
      actorId: actor.id,
      actorUnitId: actor.unitId,
      action: 'account.create',
      targetType: 'user',
      targetId: user.id,
      after: { username: user.username, roles: user.roles, unitId: user.unitId, documentId },
      channel: actor.channel,
      requestId: actor.requestId,
    });
    return {
      unitId: r.unitId,
      mode: 'create',
      account: { id: user.id, username: user.username },
      invitation: null,
    };
  }

  private async invite(
    em: EntityManager,
    actor: Actor,
    documentId: string,
    r: Extract<UnitAccountRequest, { mode: 'invite' }>,
  ): Promise<UnitAccountOutcome> {
    const id = randomUUID();
    const expiresAt = new Date(this.clock.now().getTime() + INVITATION_TTL_MS);
    await em.getRepository(AccountInvitation).insert({
      id,
      unitId: r.unitId,
      documentId,
      email: r.email,
      tokenHash: this.links.invitationToken(id).tokenHash,
      invitedBy: actor.id,
      expiresAt,
    });
    await this.audit.record(em, {
      actorId: actor.id,
      actorUnitId: actor.unitId,
      action: 'invitation.create',
      targetType: 'account_invitation',
      targetId: id,
      after: { unitId: r.unitId, documentId, email: r.email, expiresAt: expiresAt.toISOString() },
      channel: actor.channel,
      requestId: actor.requestId,
    });
    return {
      unitId: r.unitId,
      mode: 'invite',
      account: null,
      invitation: { id, email: r.email, expiresAt },
    };
  }

  private async requireDocument(em: EntityManager, documentId: string): Promise<void> {
    if (!(await em.getRepository(PolicyDocument).exist({ where: { id: documentId } }))) {
      throw new AccountError('DOCUMENT_NOT_FOUND', `Document ${documentId} does not exist`);
    }
  }
}
