import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK, PAGE_PATHS, shanghaiDate } from '@tracker/domain';
import { Unit, User } from '@tracker/database';
import { ACCOUNT_TEXT, AccountContext } from '@tracker/notify';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NoticesService } from '../notices/notices.service';

export interface PasswordHelpRequest {
  username: string;
  note?: string | null;
}

export interface PasswordHelpMeta {
  requestId?: string;
  /** The client address, for the audit entry. */
  ip?: string;
}

/** The context of an account's notices: its username, name and unit. */
export async function accountContext(em: EntityManager, user: User): Promise<AccountContext> {
  const unit = user.unitId ? await em.getRepository(Unit).findOneBy({ id: user.unitId }) : null;
  return { username: user.username, displayName: user.displayName, unitName: unit?.name ?? null };
}

/**
 * "Forgot password" from the sign-in page: the admins are told, with a link to the account on
 * their accounts page. The caller answers the same whatever happens here, so nobody learns
 * whether an account exists; only the audit log and the admins' notice know.
 */
@Injectable()
export class PasswordHelpService {
  private readonly logger = new Logger(PasswordHelpService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records the request; for an enabled account, raises one `password_help` notice to the admins per day. */
  async request(input: PasswordHelpRequest, meta: PasswordHelpMeta = {}): Promise<void> {
    const username = input.username.trim().toLowerCase();
    const note = input.note?.trim() || null;
    await this.dataSource.transaction(async (em) => {
      const user = await em.getRepository(User).findOneBy({ username });
      const eligible = !!user && !user.isDisabled;
      let raised = false;
      if (user && eligible) {
        const result = await this.notices.raise(em, {
          // One per account and business day (Asia/Shanghai). A reset bumps the token version, so a
          // request made after the admin answered the last one the same day is a new one.
          dedupKey: `password_help/${user.id}/${shanghaiDate(this.clock.now())}/v${user.tokenVersion}`,
          kind: 'password_help',
          level: 0,
          colour: 'blue',
          text: ACCOUNT_TEXT.passwordHelp(await accountContext(em, user), note),
          clause: null,
          linkPath: PAGE_PATHS.adminAccount(user.username),
          recipients: { roles: ['admin'] },
          unitId: user.unitId,
        });
        raised = result.created;
      }
      await this.audit.record(em, {
        actorId: null,
        action: 'account.password_help',
        targetType: user ? 'user' : 'username',
        targetId: user ? user.id : username,
        after: {
          username,
          accountFound: !!user,
          accountDisabled: user ? user.isDisabled : null,
          noticeRaised: raised,
          hasNote: note !== null,
          ip: meta.ip ?? null,
        },
        requestId: meta.requestId,
      });
      this.logger.log({ accountFound: !!user, noticeRaised: raised }, 'password help requested');
    });
  }
}
