import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiExtraModels,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { IsString, IsUUID, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { DomainError } from '@tracker/common';
import { renderAcknowledgeConfirmPage, renderAcknowledgeResultPage } from '@tracker/notify';
import { ActionLinksService } from '@tracker/services';
import { Public } from '../auth/public.decorator';
import { fileResponse } from '../common/file-response';
import { PublicRateLimit, PublicRateLimitGuard } from '../security/public-rate-limit';
import { AssignmentResponse, toAssignmentResponse } from '../assignments/dto/assignment.response';

export class AcknowledgeLinkDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  assignment: string;

  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{10,64}\.[A-Za-z0-9_-]{10,64}$/, { message: 'must be an action token' })
  token: string;
}

const NO_STORE = 'no-store';

@ApiTags('action-links')
@Controller('action-links')
@PublicRateLimit('action-links')
@UseGuards(PublicRateLimitGuard)
export class ActionLinksController {
  constructor(private readonly links: ActionLinksService) {}

  @Get('acknowledge')
  @Public()
  @Header('Cache-Control', NO_STORE)
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({
    summary: 'The page an emailed acknowledge link opens: a confirm button (GET changes nothing)',
  })
  @ApiOkResponse(fileResponse('text/html', 'the confirm page'))
  confirm(@Query() q: AcknowledgeLinkDto, @Res({ passthrough: true }) res: Response): string {
    res.type('text/html; charset=utf-8');
    return renderAcknowledgeConfirmPage('/api/action-links/acknowledge', q.assignment, q.token);
  }

  @Post('acknowledge')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', NO_STORE)
  @ApiOperation({
    summary:
      "签收 from email: acknowledges the assignment as the link's recipient; the link works once (audited, channel email)",
  })
  @ApiExtraModels(AssignmentResponse)
  @ApiOkResponse({
    description: 'JSON for API clients; the result page for the confirm form',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AssignmentResponse) } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiNotFoundResponse({
    description: 'ACTION_LINK_INVALID: altered, unknown or for another assignment',
  })
  @ApiGoneResponse({ description: 'ACTION_LINK_EXPIRED' })
  async acknowledge(
    @Body() dto: AcknowledgeLinkDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AssignmentResponse | string> {
    // The confirm page posts a form and expects a page back; API clients post JSON.
    const fromForm =
      req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';
    if (!fromForm)
      return toAssignmentResponse(
        await this.links.acknowledge(dto.assignment, dto.token, req.header('x-request-id')),
      );
    res.type('text/html; charset=utf-8');
    try {
      await this.links.acknowledge(dto.assignment, dto.token, req.header('x-request-id'));
      return renderAcknowledgeResultPage(true, '已签收，谢谢。', 'Acknowledged, thank you.');
    } catch (error: unknown) {
      if (!(error instanceof DomainError)) throw error;
      res.status(
        error.code === 'ACTION_LINK_EXPIRED' ? 410 : error.code === 'ACTION_LINK_USED' ? 409 : 404,
      );
      return renderAcknowledgeResultPage(
        false,
        '链接无效、已过期或已使用，请登录系统签收。',
        'This link is invalid, expired or already used; please sign in to acknowledge.',
      );
    }
  }
}
