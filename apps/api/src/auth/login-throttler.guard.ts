import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Throttles sign-in attempts with the limits of the `login` throttlers (per IP and username, and
 * a looser one per IP), counted in Redis so they hold across api instances.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {}
