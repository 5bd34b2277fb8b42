import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  appConfig,
  AppConfig,
  authConfig,
  AuthConfig,
  mailConfig,
  MailConfig,
} from '@tracker/common';
import { Clock, CLOCK, PAGE_PATHS } from '@tracker/domain';
import { ActionLinksRepository } from '@tracker/database';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { AssignmentsService } from '../assignments/assignments.service';
import { AssignmentView } from '../tasks/task-read-models';
import { ActionLinkError } from './action-links.errors';

const ACKNOWLEDGE = 'assignment.acknowledge';
const INVITE = 'account.invite';

export interface IssuedLink {
  url: string;
  expiresAt: Date;
}

const b64url = (buf: Buffer): string => buf.toString('base64url');

/**
 * Acknowledge-from-email links. The token is `<nonce>.<signature>`: the signature (HMAC over the
 * action, assignment, recipient and nonce) binds it to one assignment and one recipient, and the
 * `action_tokens` row (keyed by the token's SHA-256, never the token) makes it expire and work once.
 * The nonce is derived from the delivery, so a retried mail carries the same link.
 */
@Injectable()
export class ActionLinksService {
  private readonly logger = new Logger(ActionLinksService.name);
  private readonly key: Buffer;
  /** Keys a presented link may be signed with: the current one, then the one before a rotation. */
  private readonly verifyKeys: Buffer[];

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(mailConfig.KEY) private readonly mail: MailConfig,
    @Inject(authConfig.KEY) auth: AuthConfig,
    private readonly assignments: AssignmentsService,
  ) {
    const derive = (secret: string): Buffer =>
      createHmac('sha256', secret).update('action-links/v1').digest();
    this.key = derive(auth.linkSigningSecret);
    this.verifyKeys = [
      this.key,
      ...(auth.linkSigningPreviousSecret ? [derive(auth.linkSigningPreviousSecret)] : []),
    ];
  }

  private sign(assignmentId: string, userId: string, nonce: string, key = this.key): string {
    return b64url(
      createHmac('sha256', key)
        .update(`${ACKNOWLEDGE}/${assignmentId}/${userId}/${nonce}`)
        .digest(),
    ).slice(0, 32);
  }

  /** The link for one recipient of one mail delivery; issuing it again returns the same link. */
  async issueAcknowledge(
    em: EntityManager,
    assignmentId: string,
    userId: string,
    deliveryId: string,
  ): Promise<IssuedLink> {
    const nonce = b64url(
      createHmac('sha256', this.key).update(`nonce/${deliveryId}`).digest(),
    ).slice(0, 24);
    const token = `${nonce}.${this.sign(assignmentId, userId, nonce)}`;
    const hash = createHash('sha256').update(token).digest('hex');
    const expiresAt = new Date(this.clock.now().getTime() + this.mail.actionLinkTtlMs);
    const stored = await new ActionLinksRepository(em).issue({
      tokenHash: hash,
      action: ACKNOWLEDGE,
      subjectId: assignmentId,
      userId,
      expiresAt,
    });
    const url = `${this.app.publicUrl}/api/action-links/acknowledge?assignment=${assignmentId}&token=${encodeURIComponent(token)}`;
    return { url, expiresAt: stored };
  }

  /**
   * The token of an account invitation's link, signed like the acknowledge links (same key, same
   * rotation) and derived from the invitation's id, so the mail can be rendered again on a retry
   * while only the token's SHA-256 is stored.
   */
  invitationToken(invitationId: string, key = this.key): { token: string; tokenHash: string } {
    const nonce = b64url(
      createHmac('sha256', key).update(`${INVITE}-nonce/${invitationId}`).digest(),
    ).slice(0, 24);
    const token = `${nonce}.${this.signInvitation(invitationId, nonce, key)}`;
    return { token, tokenHash: this.tokenHash(token) };
  }

  /** What is stored of a presented token: its SHA-256, never the token. */
  tokenHash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  /**
   * The welcome page an invitation mail links to. The token is the one whose hash is stored: one
   * issued before a key rotation (and mailed again after it) is derived with the previous key.
   */
  invitationUrl(invitationId: string, storedHash: string): string | null {
    const token = this.verifyKeys
      .map((key) => this.invitationToken(invitationId, key))
      .find((t) => t.tokenHash === storedHash)?.token;
    return token
      ? `${this.app.publicUrl}${PAGE_PATHS.welcome()}?invitation=${invitationId}&token=${encodeURIComponent(token)}`
      : null;
  }

  /** Whether a presented token was signed for this invitation (by the current or the previous key). */
  verifyInvitationToken(invitationId: string, token: string): boolean {
    const [nonce, signature] = token.split('.');
    return (
      Boolean(nonce && signature) &&
      this.verifyKeys.some((key) =>
        safeEqual(signature, this.signInvitation(invitationId, nonce, key)),
      )
    );
  }

  private signInvitation(invitationId: string, nonce: string, key = this.key): string {
    return b64url(
      createHmac('sha256', key).update(`${INVITE}/${invitationId}/${nonce}`).digest(),
    ).slice(0, 32);
  }

  /**
   * Acknowledges the assignment as the link's recipient, through the 'email' channel (audited), and
   * spends the link in the same transaction. Altered, foreign or unknown links all read as invalid.
   */
  async acknowledge(
    assignmentId: string,
    token: string,
    requestId?: string,
  ): Promise<AssignmentView> {
    const hash = createHash('sha256').update(token).digest('hex');
    return this.dataSource.transaction(async (em) => {
      const links = new ActionLinksRepository(em);
      const row = await links.lockByHash(hash);
      const [nonce, signature] = token.split('.');
      const valid =
        row &&
        row.action === ACKNOWLEDGE &&
        row.subjectId === assignmentId &&
        !row.isDisabled &&
        nonce &&
        signature &&
        this.verifyKeys.some((key) =>
          safeEqual(signature, this.sign(assignmentId, row.userId, nonce, key)),
        );
      if (!valid)
        throw new ActionLinkError(
          'ACTION_LINK_INVALID',
          `This link is not valid for assignment ${assignmentId}`,
        );
      if (row.usedAt)
        throw new ActionLinkError(
          'ACTION_LINK_USED',
          `This link was used at ${row.usedAt.toISOString()}`,
        );
      const now = this.clock.now();
      if (row.expiresAt.getTime() <= now.getTime()) {
        throw new ActionLinkError(
          'ACTION_LINK_EXPIRED',
          `This link expired at ${row.expiresAt.toISOString()}`,
        );
      }
      await links.markUsed(row.id, now);
      const actor: Actor = {
        id: row.userId,
        username: row.username,
        roles: row.roles,
        unitId: row.unitId,
        channel: 'email',
        requestId,
      };
      this.logger.log({ assignmentId, userId: row.userId }, 'assignment acknowledged from email');
      return this.assignments.acknowledgeWithin(em, actor, assignmentId);
    });
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
