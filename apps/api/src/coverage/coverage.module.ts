import { Module } from '@nestjs/common';
import { TargetsModule } from '@api/targets';
import { CoverageController } from './coverage.controller';
import { CoverageRepository } from './coverage.repository';
import { CoverageService } from './coverage.service';

@Module({ imports: [TargetsModule], controllers: [CoverageController], providers: [CoverageRepository, CoverageService], exports: [CoverageService, CoverageRepository] })
export class CoverageModule {}
