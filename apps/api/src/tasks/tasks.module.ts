import { Module } from '@nestjs/common';
import { ServicesModule } from '@tracker/services';
import { AssignmentsController } from '../assignments/assignments.controller';
import { LedgerController } from '../ledger/ledger.controller';
import { MeController } from '../me/me.controller';
import { UnitsController } from '../units/units.controller';
import { SearchController } from '../search/search.controller';
import { UsersController } from '../users/users.controller';
import { TasksController } from './tasks.controller';

/** The agencies' and the office's task routes: who am I, tasks, assignments (签收/退回/改派), units' workload, ledgers, accounts. */
@Module({
  imports: [ServicesModule],
  controllers: [
    MeController,
    TasksController,
    AssignmentsController,
    UnitsController,
    LedgerController,
    UsersController,
    SearchController,
  ],
})
export class TasksModule {}
