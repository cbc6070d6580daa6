import { Injectable, type OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';

/**
 * argon2id with OWASP's first recommended profile (m = 19 MiB, t = 2, p = 1): ~30 ms per
 * hash on one core here, so a login costs one libuv thread for that long. Higher memory
 * would cost a 2-core node more than it buys; raise `timeCost` first if hardware grows.
 * `needsRehash` upgrades stored hashes transparently at the next successful login.
 */
export const ARGON2_PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function describeArgon2Params(): string {
  return `argon2id m=${ARGON2_PARAMS.memoryCost} KiB, t=${ARGON2_PARAMS.timeCost}, p=${ARGON2_PARAMS.parallelism}`;
}

/** Hashes and checks passwords. Inputs are NFC-normalised so the same password typed on any keyboard matches. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against for unknown usernames, so they cost the same time as known ones. */
  private dummyHash: Promise<string> | undefined;

  /** Computed at start, so the first unknown-username attempt is not slower than the rest. */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  async hash(password: string): Promise<string> {
    return argon2.hash(normalise(password), ARGON2_PARAMS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, normalise(password));
    } catch {
      return false; // malformed stored hash: treat as a mismatch, never as a 500 that reveals the account exists
    }
  }

  /** Spends the same work as `verify` and always fails. */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(await this.dummy(), password);
    return false;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= argon2.hash('enclave-dummy-password-for-timing', ARGON2_PARAMS);
    return this.dummyHash;
  }

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, ARGON2_PARAMS);
    } catch {
      return true;
    }
  }
}

function normalise(password: string): string {
  return password.normalize('NFC');
}
