import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountAdminService, AccountsService, Actor } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AccountPageResponse, AccountResponse, toAccountResponse } from '../me/dto/me.response';
import {
  CreateAccountDto,
  ListAccountsQuery,
  ResetPasswordDto,
  UpdateAccountDto,
} from './dto/account.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly admin: AccountAdminService,
  ) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Admin: a page of accounts with their roles and unit, filtered by role, unit, status or text',
  })
  @ApiOkResponse({ type: AccountPageResponse })
  async list(@Query() query: ListAccountsQuery): Promise<AccountPageResponse> {
    const page = await this.accounts.list(query);
    return {
      items: page.items.map(toAccountResponse),
      total: page.total,
      limit: page.limit,
      offset: page.offset,
    };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Admin: create an account' })
  @ApiOkResponse({ type: AccountResponse })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateAccountDto,
  ): Promise<AccountResponse> {
    return toAccountResponse(await this.admin.create(actor, dto));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Admin: change roles, unit, head flag or status (role, unit or status changes end its sessions)',
  })
  @ApiOkResponse({ type: AccountResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateAccountDto,
  ): Promise<AccountResponse> {
    return toAccountResponse(await this.admin.update(actor, id, dto));
  }

  @Post(':id/password')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Admin: set a new password (ends the account’s sessions)' })
  async resetPassword(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<void> {
    await this.admin.resetPassword(actor, id, dto.password);
  }
}
