import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { AccessModule } from '../common/access/access.module';
import { AccessGuard } from '../common/auth/access.guard';
import { SessionsModule } from '../common/auth/session-revocations';
import { RateLimitModule } from '../common/rate-limit/rate-limit.guard';
import { SettingsModule } from '../common/settings/app-secrets';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
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
import { QuestionBankModule } from '../question-bank/question-bank.module';
import { TestRoundsModule } from '../test-rounds/test-rounds.module';
import { TargetsModule } from '../targets/targets.module';
import { CoverageModule } from '../coverage/coverage.module';
import { TrainingSessionsModule } from '../training-sessions/training-sessions.module';
import { ReportsModule } from '../reports/reports.module';
import { RemindersModule } from '../reminders/reminders.module';
import { SurveysModule } from '../surveys/surveys.module';
import { CoursesModule } from '../courses/courses.module';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { LibraryModule } from '../library/library.module';
import { QaModule } from '../qa/qa.module';
import { APP_RUNTIME, AppRuntime } from './app-runtime';

export interface AppModuleOptions {
  databaseUrl: string;
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
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl)),
        ClockModule.with(options.clock),
        AppConfigModule.with(options.config),
        SettingsModule,
        SessionsModule,
        RateLimitModule,
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
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }, { provide: APP_RUNTIME, useValue: options.runtime }],
    };
  }
}
