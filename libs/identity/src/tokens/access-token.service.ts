import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, type AppConfig } from '@enclave/core';
import { IdentityKeys } from '../crypto/identity-keys.service.js';
import { signJwt } from './jwt.js';

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresIn: number;
}

/** Issues short-lived access tokens; revocation is checked per request by AccessTokenVerifier. */
@Injectable()
export class AccessTokenService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IdentityKeys) private readonly keys: IdentityKeys,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  issue(userId: string, sessionId: string): IssuedAccessToken {
    const iat = Math.floor(this.clock.nowMs() / 1000);
    const expiresIn = this.config.auth.accessTokenTtlSeconds;
    return { token: signJwt({ sub: userId, sid: sessionId, iat, exp: iat + expiresIn }, this.keys.jwtKey()), expiresIn };
  }
}
