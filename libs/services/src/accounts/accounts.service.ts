import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role } from '@tracker/domain';
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

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  roles: Role[];
  unit_id: string | null;
  unit_name: string | null;
  is_unit_head: boolean;
  is_disabled: boolean;
}

const ACCOUNT_SQL = `SELECT u.id, u.username, u.display_name, u.email, u.roles, u.unit_id, un.name AS unit_name,
  u.is_unit_head, u.is_disabled FROM users u LEFT JOIN units un ON un.id = u.unit_id`;

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
    const [row]: AccountRow[] = await this.dataSource.query(`${ACCOUNT_SQL} WHERE u.id = $1`, [id]);
    return row ? toAccount(row) : null;
  }

  /** A page of accounts, staff first, then by username; filtered by role, unit, status and text. */
  async list(filter: AccountFilter = {}): Promise<AccountPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.role) where.push(`${param(filter.role)} = ANY(u.roles)`);
    if (filter.unitId) where.push(`u.unit_id = ${param(filter.unitId)}`);
    if (filter.isDisabled !== undefined) where.push(`u.is_disabled = ${param(filter.isDisabled)}`);
    if (filter.q) {
      const like = param(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(
        `(u.username ILIKE ${like} OR u.display_name ILIKE ${like} OR u.email ILIKE ${like} OR un.name ILIKE ${like})`,
      );
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const offset = Math.max(filter.offset ?? 0, 0);
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM users u LEFT JOIN units un ON un.id = u.unit_id ${clause}`,
      params,
    );
    const rows: AccountRow[] = await this.dataSource.query(
      `${ACCOUNT_SQL} ${clause} ORDER BY (u.unit_id IS NOT NULL), u.username LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { items: rows.map(toAccount), total, limit, offset };
  }
}

function toAccount(r: AccountRow): AccountView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    roles: r.roles,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
    isUnitHead: r.is_unit_head,
    isDisabled: r.is_disabled,
  };
}
