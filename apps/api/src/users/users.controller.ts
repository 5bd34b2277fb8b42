import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService } from '@tracker/services';
import { Roles } from '../auth/roles.decorator';
import { AccountResponse, toAccountResponse } from '../me/dto/me.response';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Admin: every account with its roles and unit' })
  @ApiOkResponse({ type: [AccountResponse] })
  async list(): Promise<AccountResponse[]> {
    return (await this.accounts.list()).map(toAccountResponse);
  }
}
