import { Module } from '@nestjs/common';
import { ClockModule, TrackerConfigModule } from '@tracker/common';
import { DatabaseModule } from '@tracker/database';
import { QueueModule } from '@tracker/queue';
import { AccessService } from './access/access.service';
import { AccountAdminService } from './accounts/account-admin.service';
import { AccountsService } from './accounts/accounts.service';
import { UnitAccountsService } from './accounts/unit-accounts.service';
import { PasswordHelpService } from './accounts/password-help.service';
import { AssignmentsService } from './assignments/assignments.service';
import { AuditService } from './audit/audit.service';
import { AuthService } from './auth/auth.service';
import { DocumentsImportService } from './documents/documents-import.service';
import { DocumentsService } from './documents/documents.service';
import { SearchService } from './search/search.service';
import { LedgerService } from './ledger/ledger.service';
import { TasksService } from './tasks/tasks.service';
import { SubtasksService } from './subtasks/subtasks.service';
import { UnitsService } from './units/units.service';
import { MaintenanceService } from './maintenance/maintenance.service';
import { OffloadPool } from './offload/offload-pool';
import { SUPERVISION_SERVICES } from './supervision.providers';
import { MAIL_SERVICES } from './mail.providers';
import { LIFECYCLE_SERVICES } from './lifecycle.providers';
import { TOOLKIT_SERVICES } from './toolkit.providers';

const SERVICES = [
  OffloadPool,
  AuditService,
  MaintenanceService,
  AccessService,
  AccountsService,
  AccountAdminService,
  UnitAccountsService,
  PasswordHelpService,
  AuthService,
  TasksService,
  SubtasksService,
  AssignmentsService,
  UnitsService,
  LedgerService,
  DocumentsImportService,
  DocumentsService,
  SearchService,
  ...SUPERVISION_SERVICES,
  ...MAIL_SERVICES,
  ...LIFECYCLE_SERVICES,
  ...TOOLKIT_SERVICES,
];

/** The use cases, shared by the api and the worker. */
@Module({
  imports: [TrackerConfigModule, ClockModule, DatabaseModule, QueueModule],
  providers: SERVICES,
  exports: [...SERVICES, DatabaseModule, QueueModule],
})
export class ServicesModule {}
