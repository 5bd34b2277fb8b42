import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AccountAdminService, AccountsService, Actor, TasksService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ListMyTasksQuery } from '../tasks/dto/list-tasks.query';
import { MyTaskPageResponse, toMyTaskPageResponse } from '../tasks/dto/task.response';
import { ChangeOwnPasswordDto } from '../users/dto/account.dto';
import { AccountResponse, toAccountResponse } from './dto/me.response';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tasks: TasksService,
    private readonly accountAdmin: AccountAdminService,
  ) {}

  @Post('password')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Change my own password (any role): needs the current one; ends my other sessions; audited',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({
    description:
      'CURRENT_PASSWORD_WRONG (field currentPassword) or PASSWORD_TOO_WEAK (field newPassword)',
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangeOwnPasswordDto,
  ): Promise<void> {
    await this.accountAdmin.changeOwnPassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Get()
  @ApiOperation({ summary: 'Who am I: account, roles and unit' })
  @ApiOkResponse({ type: AccountResponse })
  async me(@CurrentActor() actor: Actor): Promise<AccountResponse> {
    return toAccountResponse(await this.accounts.profile(actor));
  }

  @Get('tasks')
  @Roles('agency')
  @ApiOperation({
    summary: "My unit's assignments with their tasks: as lead, as support; filters, sorting, pages",
  })
  @ApiOkResponse({ type: MyTaskPageResponse })
  async tasksOfMine(
    @CurrentActor() actor: Actor,
    @Query() query: ListMyTasksQuery,
  ): Promise<MyTaskPageResponse> {
    return toMyTaskPageResponse(await this.tasks.listMine(actor, query));
  }
}
