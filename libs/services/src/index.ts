export * from './services.module';
export * from './audit/audit.service';
export * from './maintenance/maintenance.service';
export * from './access/actor';
