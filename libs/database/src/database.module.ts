import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionContext } from './transaction-context.js';
import { SystemSettingsRepository } from './system-settings.repository.js';

/**
 * Provides the (already initialised and migrated) DataSource, the TransactionContext and
 * the system settings repository. Booting the database happens before Nest starts
 * (see apps/server bootstrap) so that a bad database fails fast with one clear line.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(dataSource: DataSource): DynamicModule {
    const tx = new TransactionContext(dataSource);
    return {
      module: DatabaseModule,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: TransactionContext, useValue: tx },
        { provide: SystemSettingsRepository, useValue: new SystemSettingsRepository(tx) },
      ],
      exports: [DataSource, TransactionContext, SystemSettingsRepository],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
