import {
  Body,
  Controller,
  Header,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { authConfig, AuthConfig } from '@tracker/common';
import {
  Actor,
  AuthError,
  AuthService,
  PasswordHelpService,
  SignedInUser,
} from '@tracker/services';
import type { Request, Response } from 'express';
import { CurrentActor } from './current-actor.decorator';
import { LoginDto } from './dto/login.dto';
import {
  PASSWORD_HELP_ANSWER,
  PasswordHelpDto,
  PasswordHelpResponse,
} from './dto/password-help.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { TokenResponse, toTokenResponse } from './dto/token.response';
import { LocalAuthGuard } from './local-auth.guard';
import { Public } from './public.decorator';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';
import { PublicRateLimit, PublicRateLimitGuard } from '../security/public-rate-limit';

type SignInRequest = Request & { user: SignedInUser; id?: unknown };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwordHelp: PasswordHelpService,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LocalAuthGuard)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in with username and password; the refresh token also comes as the httpOnly tracker_refresh cookie (path /api/auth)',
  })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({
    description: 'INVALID_CREDENTIALS: the same body for an unknown username and a wrong password',
  })
  @ApiTooManyRequestsResponse({
    description:
      'RATE_LIMITED: too many failed sign-ins for the account or from the address; Retry-After says how many seconds to wait',
  })
  @ApiServiceUnavailableResponse({
    description: 'DEPENDENCY_UNAVAILABLE: the sign-in limiter cannot reach Redis',
  })
  async login(
    @Req() req: SignInRequest,
    @Res({ passthrough: true }) res: Response,
    @Body() _credentials: LoginDto,
  ): Promise<TokenResponse> {
    const pair = await this.auth.startSession(req.user, {
      requestId: req.id ? String(req.id) : undefined,
    });
    setRefreshCookie(req, res, pair.refreshToken, this.config.refreshTtlMs);
    return toTokenResponse(pair);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Renew: trade a refresh token (the body’s refreshToken, else the tracker_refresh cookie) for a new access and refresh token (the old one stops working)',
  })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({
    description:
      'TOKEN_INVALID: missing, unknown, expired, already used (the session is then revoked) or signed out',
  })
  async refresh(
    @Req() req: Request & { id?: unknown },
    @Res({ passthrough: true }) res: Response,
    @Body() dto: RefreshTokenDto,
  ): Promise<TokenResponse> {
    const fromCookie = !dto.refreshToken;
    const token = dto.refreshToken ?? readRefreshCookie(req);
    if (!token)
      throw new AuthError(
        'TOKEN_INVALID',
        'No refresh token: send refreshToken or the tracker_refresh cookie',
      );
    try {
      const pair = await this.auth.refresh(token, {
        requestId: req.id ? String(req.id) : undefined,
      });
      setRefreshCookie(req, res, pair.refreshToken, this.config.refreshTtlMs);
      // A page that renews through the cookie never sees the refresh token itself.
      return toTokenResponse(pair, { withRefreshToken: !fromCookie });
    } catch (error: unknown) {
      if (fromCookie) clearRefreshCookie(req, res);
      throw error;
    }
  }

  @Post('password-help')
  @Public()
  @PublicRateLimit('password-help')
  @UseGuards(PublicRateLimitGuard)
  @HttpCode(202)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Forgot password: tells the admins (mail and inbox, once a day per account) so they can reset it; the same answer whether or not the account exists (public, rate-limited per address)',
  })
  @ApiAcceptedResponse({ type: PasswordHelpResponse })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming username or note' })
  @ApiTooManyRequestsResponse({
    description: 'RATE_LIMITED: too many requests from the address; Retry-After in seconds',
  })
  async requestPasswordHelp(
    @Req() req: Request & { id?: unknown },
    @Body() dto: PasswordHelpDto,
  ): Promise<PasswordHelpResponse> {
    await this.passwordHelp.request(dto, {
      requestId: req.id ? String(req.id) : undefined,
      ip: req.ip,
    });
    return PASSWORD_HELP_ANSWER;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Sign out: revokes this session (its access and refresh tokens stop working at once) and clears the refresh cookie',
  })
  @ApiNoContentResponse()
  async logout(
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.signOut(actor);
    clearRefreshCookie(req, res);
  }
}
