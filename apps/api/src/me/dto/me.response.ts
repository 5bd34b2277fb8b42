import { ApiProperty } from '@nestjs/swagger';
import { Role, ROLES } from '@tracker/domain';
import type { AccountView } from '@tracker/services';
import { UnitRefResponse } from '../../assignments/dto/assignment.response';

export class AccountResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'gx-gyxxht' }) username: string;
  @ApiProperty({ example: '自治区工业和信息化厅' }) displayName: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({
    type: UnitRefResponse,
    nullable: true,
    description: 'The unit an agency member works for',
  })
  unit: UnitRefResponse | null;
  @ApiProperty() isUnitHead: boolean;
  @ApiProperty() isDisabled: boolean;
}

export class AccountPageResponse {
  @ApiProperty({ type: [AccountResponse] }) items: AccountResponse[];
  @ApiProperty({ description: 'Accounts matching the filter' }) total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export const toAccountResponse = (a: AccountView): AccountResponse => ({
  id: a.id,
  username: a.username,
  displayName: a.displayName,
  email: a.email,
  roles: a.roles,
  unit: a.unit ? { id: a.unit.id, name: a.unit.name } : null,
  isUnitHead: a.isUnitHead,
  isDisabled: a.isDisabled,
});
