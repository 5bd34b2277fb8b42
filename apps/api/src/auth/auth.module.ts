import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { authConfig, AuthConfig, redisConfig, RedisConfig } from '@tracker/common';
import { ServicesModule } from '@tracker/services';
import type { Request } from 'express';
import { AuthController } from './auth.controller';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { RolesGuard } from './roles.guard';

const LOGIN_WINDOW_MS = 15 * 60_000;
const loginName = (req: Request): string =>
  String((req.body as { username?: unknown } | undefined)?.username ?? '').trim().toLowerCase();

@Module({
  imports: [
    ServicesModule,
    PassportModule,
    ThrottlerModule.forRootAsync({
      inject: [authConfig.KEY, redisConfig.KEY],
      useFactory: (auth: AuthConfig, redis: RedisConfig) => ({
        throttlers: [
          // Guessing one account's password: LOGIN_RATE_LIMIT attempts per IP and username per window.
          { name: 'login', ttl: LOGIN_WINDOW_MS, limit: auth.loginRateLimit, getTracker: (req) => `${(req as Request).ip}|${loginName(req as Request)}` },
          // Spraying many usernames from one address.
          { name: 'login-ip', ttl: LOGIN_WINDOW_MS, limit: auth.loginRateLimit * 10, getTracker: (req) => String((req as Request).ip) },
        ],
        // Counted in Redis under the deployment's prefix, so limits hold across api instances.
        storage: new ThrottlerStorageRedisService({
          host: redis.host,
          port: redis.port,
          password: redis.password,
          keyPrefix: `${redis.prefix}:throttle:`,
          maxRetriesPerRequest: 2,
        }),
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    LocalStrategy,
    JwtStrategy,
    // Order matters: authenticate first, then check roles.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
