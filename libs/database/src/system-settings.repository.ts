import type { TransactionContext } from './transaction-context.js';

/** Key/value settings the system generates for itself and shares across nodes. */
export class SystemSettingsRepository {
  constructor(private readonly tx: TransactionContext) {}

  async get(key: string): Promise<string | undefined> {
    const rows: Array<{ value: string }> = await this.tx.manager().query(`SELECT value FROM system_setting WHERE key = $1`, [key]);
    return rows[0]?.value;
  }

  /** Stores `candidate` unless a value exists; returns whichever won (safe across racing nodes). */
  async getOrCreate(key: string, candidate: () => string): Promise<string> {
    const existing = await this.get(key);
    if (existing !== undefined) return existing;
    await this.tx.manager().query(`INSERT INTO system_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, candidate()]);
    const stored = await this.get(key);
    if (stored === undefined) throw new Error(`system setting ${key} vanished`);
    return stored;
  }
}
