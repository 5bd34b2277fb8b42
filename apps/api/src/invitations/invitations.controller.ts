import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { authConfig, AuthConfig } from '@tracker/common';
import { UnitAccountsService } from '@tracker/services';
import type { Request, Response } from 'express';
import { TokenResponse, toTokenResponse } from '../auth/dto/token.response';
import { Public } from '../auth/public.decorator';
import { setRefreshCookie } from '../auth/refresh-cookie';
import { PublicRateLimit, PublicRateLimitGuard } from '../security/public-rate-limit';
import {
  AcceptInvitationDto,
  InvitationResponse,
  InvitationTokenQuery,
  toInvitationResponse,
} from './dto/invitation.dto';

/** The public side of an account invitation: the welcome page reads it, the invitee accepts it. */
@ApiTags('invitations')
@Controller('invitations')
@PublicRateLimit('invitations')
@UseGuards(PublicRateLimitGuard)
export class InvitationsController {
  constructor(
    private readonly unitAccounts: UnitAccountsService,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  @Get(':id')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({
    summary:
      'The invitation behind a mailed link: the unit, the document and the address it went to (public, rate-limited)',
  })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiNotFoundResponse({
    description: 'INVITATION_INVALID: altered, unknown or for another invitation',
  })
  @ApiGoneResponse({ description: 'INVITATION_EXPIRED' })
  @ApiConflictResponse({ description: 'INVITATION_USED' })
  async read(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: InvitationTokenQuery,
  ): Promise<InvitationResponse> {
    return toInvitationResponse(await this.unitAccounts.readInvitation(id, q.token));
  }

  @Post(':id/accept')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      "Open the unit's agency account with a username and password and sign in (the link works once; public, rate-limited)",
  })
  @ApiOkResponse({ type: TokenResponse })
  async accept(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcceptInvitationDto,
    @Req() req: Request & { id?: unknown },
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponse> {
    const pair = await this.unitAccounts.acceptInvitation(
      id,
      dto.token,
      { username: dto.username, password: dto.password },
      { requestId: req.id ? String(req.id) : undefined },
    );
    setRefreshCookie(req, res, pair.refreshToken, this.config.refreshTtlMs);
    return toTokenResponse(pair);
  }
}
