import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, Clock, SystemClock, type AppConfig } from '@enclave/core';
import { AccessTokenGuard } from './auth/access-token.guard.js';
import { DeniedRequestAuditor } from './auth/denied-request-auditor.js';
import { AuthController } from './auth/auth.controller.js';
import { LoginThrottle } from './auth/login-throttle.service.js';
import { LoginService } from './auth/login.service.js';
import { BootstrapAdminService } from './bootstrap/bootstrap-admin.service.js';
import { CredentialsRepository } from './credentials/credentials.repository.js';
import { FailedAttempts } from './credentials/failed-attempts.service.js';
import { PasswordService } from './credentials/password.service.js';
import { IdentityKeys } from './crypto/identity-keys.service.js';
import { IdentityEvents } from './events/identity-events.js';
import { IDENTITY_REDIS, type IdentityModuleOptions } from './identity.tokens.js';
import { MfaController } from './mfa/mfa.controller.js';
import { MfaRepository } from './mfa/mfa.repository.js';
import { MfaService } from './mfa/mfa.service.js';
import { loadCommonPasswords } from './passwords/common-passwords.js';
import { PasswordHasher } from './passwords/password-hasher.js';
import { PasswordPolicy } from './passwords/password-policy.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { SessionsRepository } from './sessions/sessions.repository.js';
import { SessionsService } from './sessions/sessions.service.js';
import { ActivityTracker } from './statistics/activity-tracker.service.js';
import { AccessTokenService } from './tokens/access-token.service.js';
import { AccessTokenVerifier } from './tokens/access-token-verifier.js';
import { UsersController } from './users/users.controller.js';
import { UsersRepository } from './users/users.repository.js';
import { UsersService } from './users/users.service.js';

/**
 * Users, local sign-in, sessions and MFA. Expects the global ConfigModule (APP_CONFIG),
 * DatabaseModule (TransactionContext, SystemSettingsRepository) and AuditModule
 * (AuditService); the caller hands over its ioredis client. Registers the global
 * access-token guard: importing this module makes every route authenticated by default.
 */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityModuleOptions): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [AuthController, UsersController, SessionsController, MfaController],
      providers: [
        { provide: IDENTITY_REDIS, useValue: options.redis },
        // Tests override Clock to move time (lockout expiry, token expiry).
        { provide: Clock, useClass: SystemClock },
        {
          provide: PasswordPolicy,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            new PasswordPolicy(
              { minLength: config.auth.passwordMinLength, rejectCommon: config.auth.passwordRejectCommon },
              config.auth.passwordRejectCommon ? loadCommonPasswords() : new Set<string>(),
            ),
        },
        { provide: APP_GUARD, useClass: AccessTokenGuard },
        IdentityKeys,
        IdentityEvents,
        ActivityTracker,
        PasswordHasher,
        UsersRepository,
        CredentialsRepository,
        SessionsRepository,
        MfaRepository,
        AccessTokenService,
        AccessTokenVerifier,
        AccessTokenGuard,
        DeniedRequestAuditor,
        LoginThrottle,
        FailedAttempts,
        PasswordService,
        SessionsService,
        MfaService,
        LoginService,
        UsersService,
        BootstrapAdminService,
      ],
      exports: [
        AccessTokenVerifier,
        AccessTokenGuard,
        BootstrapAdminService,
        UsersService,
        SessionsService,
        PasswordPolicy,
        IdentityEvents,
        // For IdentityAdminModule (same library): not part of the public surface in index.ts.
        IdentityKeys,
        PasswordHasher,
        PasswordService,
        UsersRepository,
        CredentialsRepository,
        SessionsRepository,
        MfaRepository,
      ],
    };
  }
}
