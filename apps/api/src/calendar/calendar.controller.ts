import { Controller, Get, Header, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { Actor, CalendarLink, CalendarService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { fileResponse } from '../common/file-response';
import { UuidParam } from '../common/uuid.param';
import { PublicRateLimit, PublicRateLimitGuard } from '../security/public-rate-limit';

export class CalendarLinkResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ description: 'secret iCalendar URL: anyone holding it can read the feed' })
  url: string;
}

export class FeedParam {
  @ApiProperty({ example: 'Zm9v….ics' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,64}\.ics$/, { message: 'must be a calendar feed file' })
  file: string;
}

const toLink = (l: CalendarLink): CalendarLinkResponse => ({ unitId: l.unitId, url: l.url });

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('units/:id')
  @ApiBearerAuth()
  @Roles('agency', 'office')
  @ApiOperation({
    summary:
      "The unit's secret calendar-feed URL (its own members or the office); created on first use",
  })
  @ApiOkResponse({ type: CalendarLinkResponse })
  @ApiNotFoundResponse({ description: "UNIT_NOT_FOUND: missing or another agency's" })
  async link(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<CalendarLinkResponse> {
    return toLink(await this.calendar.link(actor, id));
  }

  @Post('units/:id/rotate')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('agency', 'office')
  @ApiOperation({ summary: 'A new secret URL; the old one stops working' })
  @ApiOkResponse({ type: CalendarLinkResponse })
  async rotate(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<CalendarLinkResponse> {
    return toLink(await this.calendar.rotate(actor, id));
  }

  @Get('feeds/:file')
  @Public()
  @PublicRateLimit('calendar-feed')
  @UseGuards(PublicRateLimitGuard)
  // A calendar app may keep a copy but asks again each time (ETag makes that cheap); no shared cache.
  @Header('Cache-Control', 'private, no-cache')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary:
      "iCalendar feed of a unit's task deadlines and report due dates (secret URL, no sign-in)",
  })
  @ApiOkResponse(fileResponse('text/calendar', 'the iCalendar feed (RFC 5545, UTF-8)'))
  @ApiNotFoundResponse({ description: 'CALENDAR_NOT_FOUND' })
  async feed(
    @Param() { file }: FeedParam,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const ics = await this.calendar.feed(file.replace(/\.ics$/, ''));
    // Set only on success: an error keeps the JSON error body's own type.
    res.type('text/calendar; charset=utf-8');
    return ics;
  }
}
