import { Role } from '@tracker/domain';

/** Who is acting: resolved from the access token on every request (roles as stored now). */
export interface Actor {
  id: string;
  username: string;
  roles: Role[];
  /** The unit an agency member works for; null for office, leader and admin accounts. */
  unitId: string | null;
  /** The sign-in session the access token belongs to (signing out revokes it). */
  sessionId?: string;
  requestId?: string;
  channel?: 'web' | 'api' | 'email' | 'worker' | 'cli';
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  roles.some((r) => actor.roles.includes(r));
