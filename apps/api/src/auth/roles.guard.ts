import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@tracker/domain';
import { AccessError, Actor } from '@tracker/services';
import { ROLES_KEY } from './roles.decorator';

/** Global: a route marked @Roles(...) needs one of those roles (as stored now, not as when the token was issued). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (actor && roles.some((r) => actor.roles.includes(r))) return true;
    throw new AccessError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`);
  }
}
