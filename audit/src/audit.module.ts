import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuditContext } from './http/audit-context.js';
import { AuditInterceptor } from './http/audit.interceptor.js';
import { AUDIT_OPTIONS, DEFAULT_AUDIT_OPTIONS, type AuditModuleOptions } from './seal/audit-options.js';
import { AuditSealerScheduler } from './seal/audit-sealer.scheduler.js';
import { AuditService } from './service/audit.service.js';

const PROVIDERS = [AuditService, AuditContext, AuditInterceptor, AuditSealerScheduler];

/**
 * The audit trail for a Nest application. Global, like DatabaseModule (which it needs), so
 * feature modules inject AuditService/AuditContext and use `@Audited` without importing it.
 * Import once in the app: `AuditModule.forRoot()` (options: seal interval, batch size...).
 */
@Global()
@Module({})
export class AuditModule {
  static forRoot(options: AuditModuleOptions = {}): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      providers: [{ provide: AUDIT_OPTIONS, useValue: { ...DEFAULT_AUDIT_OPTIONS, ...options } }, ...PROVIDERS],
      exports: PROVIDERS,
    };
  }
}
