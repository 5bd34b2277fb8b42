import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, InboxService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { UuidParam } from '../common/uuid.param';
import {
  InboxPageResponse,
  ListInboxQuery,
  MarkAllReadResponse,
  MarkReadResponse,
  NoticeKindParam,
  NoticePreferenceResponse,
  SetNoticePreferenceDto,
  toInboxPageResponse,
  toNoticePreferenceResponse,
} from './dto/inbox.dto';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('me')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get('notices')
  @ApiOperation({ summary: 'My in-app notices, newest first; filter by kind, task, unread' })
  @ApiOkResponse({ type: InboxPageResponse })
  async list(@CurrentActor() actor: Actor, @Query() q: ListInboxQuery): Promise<InboxPageResponse> {
    return toInboxPageResponse(await this.inbox.list(actor, q));
  }

  @Post('notices/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notices read' })
  @ApiOkResponse({ type: MarkAllReadResponse })
  async readAll(@CurrentActor() actor: Actor): Promise<MarkAllReadResponse> {
    const { marked } = await this.inbox.markAllRead(actor);
    return { marked };
  }

  @Post('notices/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notices read (repeating it changes nothing)' })
  @ApiOkResponse({ type: MarkReadResponse })
  @ApiNotFoundResponse({ description: "NOTICE_NOT_FOUND: missing or someone else's" })
  async read(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<MarkReadResponse> {
    const r = await this.inbox.markRead(actor, id);
    return { id: r.id, readAt: r.readAt.toISOString() };
  }

  @Get('notice-preferences')
  @ApiOperation({
    summary: 'How each notice kind reaches me by email: immediate, daily, weekly or off',
  })
  @ApiOkResponse({ type: [NoticePreferenceResponse] })
  async preferences(@CurrentActor() actor: Actor): Promise<NoticePreferenceResponse[]> {
    return (await this.inbox.preferences(actor)).map(toNoticePreferenceResponse);
  }

  @Put('notice-preferences/:kind')
  @ApiOperation({
    summary:
      'Set how one notice kind reaches me by email (supervision and escalations stay immediate)',
  })
  @ApiOkResponse({ type: [NoticePreferenceResponse] })
  @ApiUnprocessableEntityResponse({ description: 'NOTICE_PREFERENCE_LOCKED' })
  async setPreference(
    @CurrentActor() actor: Actor,
    @Param() { kind }: NoticeKindParam,
    @Body() dto: SetNoticePreferenceDto,
  ): Promise<NoticePreferenceResponse[]> {
    return (await this.inbox.setPreferences(actor, { [kind]: dto.preference })).map(
      toNoticePreferenceResponse,
    );
  }
}
