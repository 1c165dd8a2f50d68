import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { AccessModule } from '../common/access/access.module';
import { AccessGuard } from '../common/auth/access.guard';
import { Clock, ClockModule } from '../common/clock/clock';
import { dataSourceOptions } from '../database/database';
import { HealthController } from '../health/health.controller';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { PeopleModule } from '../people/people.module';
import { UsersModule } from '../users/users.module';
import { EvidenceModule } from '../evidence/evidence.service';
import { NotificationsModule } from '../notifications/notifications.module';
import { StorageModule } from '../storage/file-storage';
import { TopicsModule } from '../topics/topics.module';
import { LibraryModule } from '../library/library.module';
import { QaModule } from '../qa/qa.module';
import { APP_RUNTIME, AppRuntime } from './app-runtime';

export interface AppModuleOptions {
  databaseUrl: string;
  runtime: AppRuntime;
  /** Tests pass a clock they control. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl)),
        ClockModule.with(options.clock),
        AccessModule,
        AuditModule,
        UsersModule,
        AuthModule,
        OrgUnitsModule,
        PeopleModule,
        StorageModule,
        NotificationsModule,
        TopicsModule,
        EvidenceModule,
        LibraryModule,
        QaModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }, { provide: APP_RUNTIME, useValue: options.runtime }],
    };
  }
}
