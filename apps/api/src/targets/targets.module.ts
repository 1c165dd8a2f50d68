import { Module } from '@nestjs/common';
import { CoverageBuilder } from './coverage-builder';
import { TargetsController } from './targets.controller';
import { TargetsRepository } from './targets.repository';
import { TargetsService } from './targets.service';

@Module({ controllers: [TargetsController], providers: [TargetsRepository, TargetsService, CoverageBuilder], exports: [TargetsService, TargetsRepository] })
export class TargetsModule {}
