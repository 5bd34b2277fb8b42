import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountAdminService, AccountsService, Actor } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AccountResponse, toAccountResponse } from '../me/dto/me.response';
import { CreateAccountDto, ResetPasswordDto, UpdateAccountDto } from './dto/account.dto';

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
  @ApiOperation({ summary: 'Admin: every account with its roles and unit' })
  @ApiOkResponse({ type: [AccountResponse] })
  async list(): Promise<AccountResponse[]> {
    return (await this.accounts.list()).map(toAccountResponse);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Admin: create an account' })
  @ApiOkResponse({ type: AccountResponse })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateAccountDto): Promise<AccountResponse> {
    return toAccountResponse(await this.admin.create(actor, dto));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Admin: change roles, unit, head flag or status (role, unit or status changes end its sessions)' })
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
