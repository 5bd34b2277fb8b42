import type { NoticeText } from './supervision-texts';

export interface AccountContext {
  username: string;
  displayName: string;
  /** The unit the account works for; null for the office's, the leaders' and the admins' accounts. */
  unitName: string | null;
}

const whoZh = (a: AccountContext): string =>
  `${a.unitName ?? '（未关联单位）'}的账号 ${a.username}（${a.displayName}）`;
const whoEn = (a: AccountContext): string =>
  `account ${a.username} (${a.displayName}) of ${a.unitName ?? 'no unit'}`;

/** Notices about an account's password: never the password itself. */
export const ACCOUNT_TEXT = {
  /** To every admin: someone on the sign-in page asked for help with this account's password. */
  passwordHelp: (a: AccountContext, note: string | null): NoticeText => ({
    title: `【找回密码】${a.unitName ?? a.username}账号 ${a.username} 申请重置密码`,
    body:
      `${whoZh(a)}在登录页申请找回密码。请核实申请人身份后，在账号管理中为该账号重置密码，并通过可靠渠道告知新密码。` +
      (note ? `申请说明：${note}` : ''),
    titleEn: `Password help: account ${a.username} asks for a password reset`,
    bodyEn:
      `Someone asked on the sign-in page for help with the password of ${whoEn(a)}. Check who asked, then reset the account's password on the accounts page and pass the new one on by a trusted channel.` +
      (note ? ` Note: ${note}` : ''),
  }),
  /** To the account itself: an admin set a new password. */
  passwordReset: (a: AccountContext, email: string | null): NoticeText => ({
    title: `【密码已重置】账号 ${a.username} 的密码已由系统管理员重置`,
    body:
      `${whoZh(a)}的密码已由系统管理员重置，该账号此前的登录均已退出。新密码由管理员另行告知，本通知不含密码。请使用新密码登录后，在“修改密码”页面设置仅本人知道的密码。如非本人申请，请立即联系系统管理员。` +
      (email ? `本邮件发送至该账号登记的邮箱 ${email}。` : ''),
    titleEn: `Password reset: the admin reset the password of account ${a.username}`,
    bodyEn:
      `The admin reset the password of ${whoEn(a)}; every earlier sign-in of the account has ended. The admin passes the new password on separately; this notice does not contain it. Sign in with it, then choose a password only you know on the change-password page. If you did not ask for this, contact the admin at once.` +
      (email ? ` This mail goes to the account's own address, ${email}.` : ''),
  }),
};
