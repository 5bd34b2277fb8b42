import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService, Actor, TasksService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ListMyTasksQuery } from '../tasks/dto/list-tasks.query';
import { MyTaskPageResponse, toMyTaskPageResponse } from '../tasks/dto/task.response';
import { AccountResponse, toAccountResponse } from './dto/me.response';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tasks: TasksService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Who am I: account, roles and unit' })
  @ApiOkResponse({ type: AccountResponse })
  async me(@CurrentActor() actor: Actor): Promise<AccountResponse> {
    return toAccountResponse(await this.accounts.profile(actor));
  }

  @Get('tasks')
  @Roles('agency')
  @ApiOperation({ summary: "My unit's assignments with their tasks: as lead, as support; filters, sorting, pages" })
  @ApiOkResponse({ type: MyTaskPageResponse })
  async tasksOfMine(@CurrentActor() actor: Actor, @Query() query: ListMyTasksQuery): Promise<MyTaskPageResponse> {
    return toMyTaskPageResponse(await this.tasks.listMine(actor, query));
  }
}
