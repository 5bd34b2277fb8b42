import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, DevClockService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { MoveClockDto } from './dto/dev-clock.dto';
import { DevClockResponse, toDevClockResponse } from './dto/lifecycle.response';

/** Development only: the movable business clock (BUSINESS_CLOCK=file); 404 otherwise and in production. */
@ApiTags('development')
@ApiBearerAuth()
@Controller('dev/clock')
export class DevClockController {
  constructor(private readonly devClock: DevClockService) {}

  @Get()
  @Roles('office', 'admin')
  @ApiOperation({ summary: 'Development: the business time the api and the worker share' })
  @ApiOkResponse({ type: DevClockResponse })
  get(): DevClockResponse {
    return toDevClockResponse(this.devClock.get());
  }

  @Post()
  @HttpCode(200)
  @Roles('office', 'admin')
  @ApiOperation({
    summary:
      'Development: set ({"at": …}) or advance ({"advance": "P1D"}) business time; due jobs wake',
  })
  @ApiOkResponse({ type: DevClockResponse })
  async move(@CurrentActor() actor: Actor, @Body() dto: MoveClockDto): Promise<DevClockResponse> {
    return toDevClockResponse(await this.devClock.move(actor, dto));
  }
}
