import { SetMetadata } from '@nestjs/common';
import { Role } from '@tracker/domain';

export const ROLES_KEY = 'roles';
/** Restricts a route to accounts holding one of the roles (checked by the roles guard). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);
