import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, UnitAccountsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  ProvideUnitAccountsDto,
  toUnitAccountOutcomeResponse,
  toUnitAccountRequest,
  toUnitAccountsResponse,
  UnitAccountOutcomeResponse,
  UnitAccountsResponse,
} from './dto/unit-accounts.dto';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents/:id/unit-accounts')
export class UnitAccountsController {
  constructor(private readonly unitAccounts: UnitAccountsService) {}

  @Get()
  @Roles('office', 'admin')
  @ApiOperation({
    summary:
      'Each unit of the document (lead and supporting) with its accounts and pending invitations (office, admin)',
  })
  @ApiOkResponse({ type: [UnitAccountsResponse] })
  async list(@Param('id', ParseUUIDPipe) id: string): Promise<UnitAccountsResponse[]> {
    return (await this.unitAccounts.listForDocument(id)).map(toUnitAccountsResponse);
  }

  @Post()
  @Roles('office', 'admin')
  @ApiOperation({
    summary:
      'For chosen units of the document: create an agency account, or invite someone by mail to open it (office, admin; audited; all or none)',
  })
  @ApiOkResponse({ type: [UnitAccountOutcomeResponse] })
  async provide(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProvideUnitAccountsDto,
  ): Promise<UnitAccountOutcomeResponse[]> {
    return (await this.unitAccounts.provide(actor, id, dto.items.map(toUnitAccountRequest))).map(
      toUnitAccountOutcomeResponse,
    );
  }
}
