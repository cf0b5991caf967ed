export { AuditModule } from './lib/audit.module';
export { AuditService, changedFields, type AuditEntry, type AuditFilter } from './lib/audit.service';
