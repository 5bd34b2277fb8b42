import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, ExtensionsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import { DecideExtensionDto, ListExtensionsQuery, RequestExtensionDto } from './dto/extension.dto';
import { ExtensionResponse, toExtensionResponse } from './dto/extension.response';

@ApiTags('extensions')
@ApiBearerAuth()
@Controller('extensions')
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  @Post()
  @Roles('agency')
  @ApiOperation({ summary: 'Lead unit asks for a later due date' })
  @ApiCreatedResponse({ type: ExtensionResponse })
  async request(
    @CurrentActor() actor: Actor,
    @Body() dto: RequestExtensionDto,
  ): Promise<ExtensionResponse> {
    return toExtensionResponse(
      await this.extensions.request(actor, dto.reportId, dto.requestedDueOn, dto.reason),
    );
  }

  @Get()
  @Roles('office', 'leader', 'agency')
  @ApiOperation({
    summary: "Extension requests: all for the office and leaders, your unit's for an agency",
  })
  @ApiOkResponse({ type: [ExtensionResponse] })
  async list(
    @CurrentActor() actor: Actor,
    @Query() q: ListExtensionsQuery,
  ): Promise<ExtensionResponse[]> {
    return (await this.extensions.listFor(actor, q)).map(toExtensionResponse);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('office')
  @ApiOkResponse({ type: ExtensionResponse })
  async approve(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: DecideExtensionDto,
  ): Promise<ExtensionResponse> {
    return toExtensionResponse(await this.extensions.approve(actor, id, dto.comment, dto.dueOn));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('office')
  @ApiOkResponse({ type: ExtensionResponse })
  async reject(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: DecideExtensionDto,
  ): Promise<ExtensionResponse> {
    return toExtensionResponse(await this.extensions.reject(actor, id, dto.comment));
  }
}
