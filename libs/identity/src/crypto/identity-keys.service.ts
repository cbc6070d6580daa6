import { hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import { SystemSettingsRepository } from '@enclave/database';

const JWT_SETTING = 'identity.jwt_secret';
const MFA_SETTING = 'identity.mfa_key';

interface Keys {
  readonly jwt: Buffer;
  readonly mfaEncryption: Buffer;
  readonly recoveryCodes: Buffer;
  readonly invitations: Buffer;
}

/**
 * Key material, from the configuration or, when unset, generated once and kept in
 * system_setting so every node signs and decrypts with the same keys. Loaded at module
 * start, outside any transaction: a key generated inside a transaction that later rolled
 * back would live on in this node's memory but nowhere else.
 *
 * A generated MFA key sits in the same database as the secrets it protects, so it guards
 * against leaks of the TOTP table alone (exports, logs of rows), not of a full backup; set
 * MFA_ENCRYPTION_KEY to keep the key elsewhere. Changing it later makes enrolled TOTP
 * secrets undecryptable (users would re-enrol), so pick one before enabling MFA widely.
 */
@Injectable()
export class IdentityKeys implements OnModuleInit {
  private keys: Keys | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SystemSettingsRepository) private readonly settings: SystemSettingsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    const generate = () => randomBytes(32).toString('base64url');
    const jwtSecret = this.config.auth.jwtSecret ?? (await this.settings.getOrCreate(JWT_SETTING, generate));
    const mfaSecret = this.config.auth.mfaEncryptionKey ?? (await this.settings.getOrCreate(MFA_SETTING, generate));
    this.keys = {
      jwt: Buffer.from(jwtSecret, 'utf8'),
      // Separate derived keys: one secret never serves two purposes.
      mfaEncryption: derive(mfaSecret, 'enclave/mfa/totp-secret/v1'),
      recoveryCodes: derive(mfaSecret, 'enclave/mfa/recovery-code/v1'),
      // Invitation links are signed, not stored: rotating JWT_SECRET voids open invitations too.
      invitations: derive(jwtSecret, 'enclave/invitation/v1'),
    };
  }

  jwtKey(): Buffer {
    return this.loaded().jwt;
  }

  mfaEncryptionKey(): Buffer {
    return this.loaded().mfaEncryption;
  }

  recoveryCodeKey(): Buffer {
    return this.loaded().recoveryCodes;
  }

  invitationKey(): Buffer {
    return this.loaded().invitations;
  }

  private loaded(): Keys {
    if (!this.keys) throw new Error('IdentityKeys used before module initialisation');
    return this.keys;
  }
}

function derive(secret: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('enclave'), Buffer.from(info), 32));
}
