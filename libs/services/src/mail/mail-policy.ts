import { NoticeKind } from '@tracker/domain';

export type NoticePreference = 'immediate' | 'daily' | 'weekly' | 'off';
export const NOTICE_PREFERENCES: readonly NoticePreference[] = [
  'immediate',
  'daily',
  'weekly',
  'off',
];

/**
 * Supervision orders (督办) and escalations to the leading group cannot be switched off and go
 * out at once, whatever the preference: the supervision clauses make them the office's last lever.
 * An urging (催办) is the office's deliberate one-click chase, so it too is mailed at once.
 */
export const LOCKED_KINDS: readonly NoticeKind[] = [
  'supervision',
  'leading_group',
  'urge',
  // About an account's access: the admins must see a request for help, and an account must
  // hear of a reset it did not ask for, whatever their preference.
  'password_help',
  'password_reset',
];

export const isLocked = (kind: NoticeKind, level: number): boolean =>
  LOCKED_KINDS.includes(kind) || level >= 2;

/** The preference that applies when a user has not chosen one: mail at once. */
export const DEFAULT_PREFERENCE: NoticePreference = 'immediate';
