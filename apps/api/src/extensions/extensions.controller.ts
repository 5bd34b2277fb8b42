import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ExtensionsService, ExtensionView } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import { DecideExtensionDto, ListExtensionsQuery, RequestExtensionDto } from './dto/extension.dto';

@ApiTags('extensions')
@ApiBearerAuth()
@Controller('extensions')
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  @Post()
  @Roles('agency')
  @ApiOperation({ summary: 'Lead unit asks for a later due date' })
  request(@CurrentActor() actor: Actor, @Body() dto: RequestExtensionDto): Promise<ExtensionView> {
    return this.extensions.request(actor, dto.reportId, dto.requestedDueOn, dto.reason);
  }

  @Get()
  @Roles('office', 'leader', 'agency')
  list(@CurrentActor() actor: Actor, @Query() q: ListExtensionsQuery): Promise<ExtensionView[]> {
    return this.extensions.listFor(actor, q);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('office')
  approve(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: DecideExtensionDto,
  ): Promise<ExtensionView> {
    return this.extensions.approve(actor, id, dto.comment, dto.dueOn);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('office')
  reject(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: DecideExtensionDto,
  ): Promise<ExtensionView> {
    return this.extensions.reject(actor, id, dto.comment);
  }
}
