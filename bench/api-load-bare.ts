import 'reflect-metadata';
import { Controller, Get, Injectable, Module, OnModuleDestroy, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';

// The baseline for the API load bench: a minimal NestJS app whose routes each run one query
// comparable to a product list (a page of a unit's assignments with their tasks, of a cycle's
// reports, of an inbox, of open escalations; each by an index) on the same database. No auth, no validation, no logging: what the hardware gives.
const DB = process.env.DB_NAME as string;
const POOL = Number(process.env.DB_POOL_SIZE ?? 10);

@Injectable()
class Db implements OnModuleDestroy {
  readonly pool = new Pool({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: DB,
    max: POOL,
  });
  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}

@Controller()
class BareController {
  constructor(private readonly db: Db) {}

  @Get('bare/tasks')
  async tasks(@Query('unit') unit: string): Promise<unknown> {
    return this.rows(
      `SELECT a.id, a.role, a.state, t.id AS task_id, t.heading, t.path, t.deadline_on
         FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE a.unit_id = (SELECT unit_id FROM users WHERE username = $1)
        ORDER BY a.task_id LIMIT 20`,
      [unit],
    );
  }

  @Get('bare/reports')
  reports(@Query('cycle') cycle: string): Promise<unknown> {
    return this.rows(
      `SELECT r.id, r.task_id, r.unit_id, r.state, r.due_at, r.progress_status, t.heading
         FROM status_reports r JOIN tasks t ON t.id = r.task_id WHERE r.cycle_id = $1 ORDER BY r.task_id LIMIT 50`,
      [cycle],
    );
  }

  @Get('bare/notices')
  notices(@Query('user') user: string): Promise<unknown> {
    return this.rows(
      `SELECT n.id, n.kind, n.title, n.body, n.created_at, d.read_at
         FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
        WHERE d.user_id = (SELECT id FROM users WHERE username = $1) AND d.channel = 'inapp'
        ORDER BY d.created_at DESC LIMIT 50`,
      [user],
    );
  }

  @Get('bare/escalations')
  escalations(): Promise<unknown> {
    return this.rows(
      `SELECT e.id, e.level, e.state, e.raised_at, t.heading FROM escalations e JOIN tasks t ON t.id = e.task_id
        WHERE e.state <> 'resolved' ORDER BY e.level DESC, e.raised_at DESC LIMIT 50`,
      [],
    );
  }

  private async rows(sql: string, params: unknown[]): Promise<unknown> {
    const { rows } = await this.db.pool.query(sql, params);
    return { items: rows };
  }
}

@Module({ controllers: [BareController], providers: [Db] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { logger: false });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.stdout.write('ready\n');
}

void main();
