import { ExpressAdapter } from '@bull-board/express';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { QUEUE_NAMES } from '@tracker/queue';
import { AuthService, ServicesModule } from '@tracker/services';
import type { NextFunction, Request, Response } from 'express';

export const QUEUES_DASHBOARD_ROUTE = '/admin/queues';
export const DASHBOARD_COOKIE = 'tracker_access';

function tokenOf(req: Request): string | null {
  const bearer = /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1];
  // A browser opening the dashboard sends the access token as a cookie scoped to this path.
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === DASHBOARD_COOKIE && value.length) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Bull Board at /api/admin/queues, for admin accounts only (the global guard does not see it). */
export function adminOnly(auth: AuthService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = tokenOf(req);
    const deny = (status: number, error: string, message: string): void => {
      res.status(status).json({ error, message });
    };
    if (!token)
      return deny(401, 'UNAUTHENTICATED', 'Sign in as an admin to open the queue dashboard');
    auth.resolveAccessToken(token).then(
      (actor) =>
        actor.roles.includes('admin')
          ? next()
          : deny(403, 'FORBIDDEN', 'The queue dashboard is for admins only'),
      () => deny(401, 'TOKEN_INVALID', 'Access token invalid'),
    );
  };
}

@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [ServicesModule],
      inject: [AuthService],
      useFactory: (auth: AuthService) => ({
        route: QUEUES_DASHBOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: adminOnly(auth),
        boardOptions: { uiConfig: { boardTitle: '队列 Queues' } },
      }),
    }),
    ...QUEUE_NAMES.map((name) => BullBoardModule.forFeature({ name, adapter: BullMQAdapter })),
  ],
})
export class QueuesDashboardModule {}
