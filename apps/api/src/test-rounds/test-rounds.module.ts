import { DynamicModule, Module } from '@nestjs/common';
import { EnrolmentsModule } from '@api/enrolments';
import { AttemptsRepository } from './attempts.repository';
import { AttemptsService } from './attempts.service';
import { ItemStatsRepository } from './item-stats.repository';
import { ResultsRepository } from './results.repository';
import { ItemStatsFolder } from './item-stats.folder';
import { ResultsService } from './results.service';
import { RemedialRepository } from './remedial.repository';
import { RemedialService } from './remedial.service';
import { AttemptsController, RemedialController, TestRoundsController } from './test-rounds.controller';
import { JOBS_DATABASE_URL, TestRoundJobs } from './test-rounds.jobs';
import { TestRoundsRepository } from './test-rounds.repository';
import { TestRoundsService } from './test-rounds.service';

@Module({})
export class TestRoundsModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: TestRoundsModule,
      // A pass completes the courses whose rule is this round's final quiz.
      imports: [EnrolmentsModule],
      controllers: [TestRoundsController, AttemptsController, RemedialController],
      providers: [
        { provide: JOBS_DATABASE_URL, useValue: databaseUrl },
        TestRoundsRepository,
        AttemptsRepository,
        ResultsRepository,
        ItemStatsRepository,
        TestRoundsService,
        AttemptsService,
        ResultsService,
        ItemStatsFolder,
        RemedialRepository,
        RemedialService,
        TestRoundJobs,
      ],
      exports: [TestRoundJobs, TestRoundsService, AttemptsService],
    };
  }
}
