import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@tracker/services';

/** The signed-in account, as the JWT strategy resolved it. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ user: Actor; id?: string }>();
  return { ...req.user, requestId: req.id ? String(req.id) : undefined };
});
