import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Actor, AuthService, SignedInUser } from '@tracker/services';
import type { Request } from 'express';
import { CurrentActor } from './current-actor.decorator';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { TokenResponse, toTokenResponse } from './dto/token.response';
import { LocalAuthGuard } from './local-auth.guard';
import { Public } from './public.decorator';

type SignInRequest = Request & { user: SignedInUser; id?: unknown };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(LocalAuthGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password (rate-limited per IP and username)' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS: the same body for an unknown username and a wrong password' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED' })
  async login(@Req() req: SignInRequest, @Body() _credentials: LoginDto): Promise<TokenResponse> {
    return toTokenResponse(await this.auth.startSession(req.user, { requestId: req.id ? String(req.id) : undefined }));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Renew: trade a refresh token for a new access and refresh token (the old one stops working)' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'TOKEN_INVALID: unknown, expired, already used (the session is then revoked) or signed out' })
  async refresh(@Req() req: Request & { id?: unknown }, @Body() dto: RefreshTokenDto): Promise<TokenResponse> {
    return toTokenResponse(await this.auth.refresh(dto.refreshToken, { requestId: req.id ? String(req.id) : undefined }));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: revokes this session; its access and refresh tokens stop working at once' })
  @ApiNoContentResponse()
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.signOut(actor);
  }
}
