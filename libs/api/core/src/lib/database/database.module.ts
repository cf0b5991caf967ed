import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MIGRATIONS } from '@crm/migrations';
import { databaseConfig, type DatabaseConfig } from '../config/app.config';
import { SqlCaptureLogger } from './sql-capture.logger';

/** One PostgreSQL pool per process; entities register themselves from their area's module. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (db: DatabaseConfig) => ({
        type: 'postgres',
        url: db.url,
        autoLoadEntities: true,
        synchronize: false,
        retryAttempts: 3,
        retryDelay: 2000,
        migrations: MIGRATIONS,
        extra: { max: 10, application_name: 'crm' },
        // Benchmark only: every statement to a file (see SqlCaptureLogger).
        ...(db.sqlCaptureFile ? { logging: ['query' as const], logger: new SqlCaptureLogger(db.sqlCaptureFile) } : {}),
      }),
    }),
  ],
})
export class DatabaseModule {}
