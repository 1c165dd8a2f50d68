import { Module } from '@nestjs/common';
import { CoverageModule } from '@api/coverage';
import { EnrolmentsModule } from '@api/enrolments';
import { TargetsModule } from '@api/targets';
import { RecordsController } from './records.controller';
import { RecordsRepository } from './records.repository';
import { RecordsService } from './records.service';

@Module({
  imports: [EnrolmentsModule, CoverageModule, TargetsModule],
  controllers: [RecordsController],
  providers: [RecordsRepository, RecordsService],
  exports: [RecordsService],
})
export class RecordsModule {}
