import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { LoginLimiter, ServicesModule } from '@tracker/services';
import { InvitationsController } from '../invitations/invitations.controller';
import { AuthController } from './auth.controller';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { RolesGuard } from './roles.guard';

@Module({
  imports: [ServicesModule, PassportModule],
  // Accepting an invitation signs the invitee in, as the login does.
  controllers: [AuthController, InvitationsController],
  providers: [
    LocalStrategy,
    LoginLimiter,
    JwtStrategy,
    // Order matters: authenticate first, then check roles.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
