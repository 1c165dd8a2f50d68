import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@api/audit';
import { AuthModule } from '@api/auth';
import { AccessModule } from '@api/common/access';
import { AccessGuard, SessionsModule } from '@api/common/auth';
import { EmptyPatchGuard } from '@api/common/validation';
import { RateLimitModule } from '@api/common/rate-limit';
import { SettingsModule } from '@api/common/settings';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { Clock, ClockModule } from '@api/common/clock';
import { dataSourceOptions } from '@api/database';
import { ReadReplicaModule, readReplicaOptions } from '@api/read-replica';
import { HealthController, Readiness } from '@api/health';
import { OrgUnitsModule } from '@api/org-units';
import { PeopleModule } from '@api/people';
import { UsersModule } from '@api/users';
import { AccountsModule } from '@api/accounts';
import { EvidenceModule } from '@api/evidence';
import { NotificationsModule } from '@api/notifications';
import { StorageModule } from '@api/storage';
import { TopicsModule } from '@api/topics';
import { QuestionBankModule } from '@api/question-bank';
import { TestRoundsModule } from '@api/test-rounds';
import { TargetsModule } from '@api/targets';
import { CoverageModule } from '@api/coverage';
import { TrainingSessionsModule } from '@api/training-sessions';
import { ReportsModule } from '@api/reports';
import { RemindersModule } from '@api/reminders';
import { SurveysModule } from '@api/surveys';
import { CoursesModule } from '@api/courses';
import { EnrolmentsModule } from '@api/enrolments';
import { RecordsModule } from '@api/records';
import { HomeModule } from '@api/home';
import { LibraryModule } from '@api/library';
import { QaModule } from '@api/qa';
import { XapiModule } from '@api/xapi';
import { PackagesModule } from '@api/packages';
import { APP_RUNTIME, AppRuntime } from '@api/health';

export interface AppModuleOptions {
  databaseUrl: string;
  /** A streaming replica for heavy reads (DATABASE_READ_URL). */
  databaseReadUrl?: string | null;
  config: AppConfig;
  runtime: AppRuntime;
  /** Tests pass a clock they control. */
  clock?: Clock;
}

/** Makes the loaded AppConfig injectable everywhere (`@Inject(APP_CONFIG)`). */
@Global()
@Module({})
class AppConfigModule {
  static with(config: AppConfig): DynamicModule {
    return { module: AppConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl, options.config.dbPoolSize)),
        ReadReplicaModule.forRoot(readReplicaOptions(options.config, options.databaseReadUrl ?? null)),
        ClockModule.with(options.clock),
        AppConfigModule.with(options.config),
        SettingsModule,
        SessionsModule,
        RateLimitModule,
        AccessModule,
        AuditModule,
        UsersModule,
        AccountsModule,
        AuthModule,
        OrgUnitsModule,
        PeopleModule,
        StorageModule,
        NotificationsModule,
        TopicsModule,
        EvidenceModule,
        QuestionBankModule,
        TestRoundsModule.forRoot(options.databaseUrl),
        TargetsModule,
        CoverageModule,
        TrainingSessionsModule,
        ReportsModule,
        RemindersModule,
        SurveysModule,
        CoursesModule,
        EnrolmentsModule,
        LibraryModule,
        QaModule,
        XapiModule.forRoot(options.databaseUrl),
        RecordsModule,
        HomeModule,
        PackagesModule,
      ],
      controllers: [HealthController],
      // Guards run in this order: who may call first (401/403), then an empty PATCH (400).
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }, { provide: APP_GUARD, useClass: EmptyPatchGuard }, { provide: APP_RUNTIME, useValue: options.runtime }, Readiness],
    };
  }
}
