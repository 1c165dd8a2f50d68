import { Module } from '@nestjs/common';
import { CoverageModule } from '@api/coverage';
import { SurveysController } from './surveys.controller';
import { SurveysRepository } from './surveys.repository';
import { SurveysService } from './surveys.service';

@Module({ imports: [CoverageModule], controllers: [SurveysController], providers: [SurveysRepository, SurveysService] })
export class SurveysModule {}
