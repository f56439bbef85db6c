import { DynamicModule, Global, Module } from '@nestjs/common';
import { DATABASE_URL } from '../prisma/database-url';
import { APP_CONFIG, AppConfig } from './app-config';

/** The validated settings and the resolved database URL, injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_URL, useValue: databaseUrl },
      ],
      exports: [APP_CONFIG, DATABASE_URL],
    };
  }
}
