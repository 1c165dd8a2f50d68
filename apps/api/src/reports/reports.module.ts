import { Module } from '@nestjs/common';
import { CoverageModule } from '@api/coverage';
import { TargetsModule } from '@api/targets';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({ imports: [CoverageModule, TargetsModule], controllers: [ReportsController], providers: [ReportsRepository, ReportsService] })
export class ReportsModule {}
