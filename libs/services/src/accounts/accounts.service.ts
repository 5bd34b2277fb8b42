import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role } from '@tracker/domain';
import { AccountRow, AccountsRepository } from '@tracker/database';
import { DataSource } from 'typeorm';
import { AccessError } from '../access/access.errors';
import { Actor } from '../access/actor';

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  unit: { id: string; name: string } | null;
  isUnitHead: boolean;
  isDisabled: boolean;
}

export interface AccountFilter {
  role?: Role;
  unitId?: string;
  isDisabled?: boolean;
  /** Part of the username, name, email or unit name. */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface AccountPage {
  items: AccountView[];
  total: number;
  limit: number;
  offset: number;
}

/** Accounts: who am I, and the admin's list of accounts. */
@Injectable()
export class AccountsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async profile(actor: Actor): Promise<AccountView> {
    const account = await this.findById(actor.id);
    if (!account) throw new AccessError('FORBIDDEN', 'Account no longer exists');
    return account;
  }

  async findById(id: string): Promise<AccountView | null> {
    const row = await new AccountsRepository(this.dataSource.manager).find(id);
    return row ? toAccount(row) : null;
  }

  /** A page of accounts, staff first, then by username; filtered by role, unit, status and text. */
  async list(filter: AccountFilter = {}): Promise<AccountPage> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const offset = Math.max(filter.offset ?? 0, 0);
    const { rows, total } = await new AccountsRepository(this.dataSource.manager).page({
      role: filter.role,
      unitId: filter.unitId,
      isDisabled: filter.isDisabled,
      q: filter.q,
      limit,
      offset,
    });
    return { items: rows.map(toAccount), total, limit, offset };
  }
}

function toAccount(r: AccountRow): AccountView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    email: r.email,
    roles: r.roles,
    unit: r.unitId ? { id: r.unitId, name: r.unitName ?? '' } : null,
    isUnitHead: r.isUnitHead,
    isDisabled: r.isDisabled,
  };
}
