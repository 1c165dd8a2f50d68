import { Module } from '@nestjs/common';
import { TrainingSessionsController } from './training-sessions.controller';
import { TrainingSessionsRepository } from './training-sessions.repository';
import { TrainingSessionsService } from './training-sessions.service';

@Module({ controllers: [TrainingSessionsController], providers: [TrainingSessionsRepository, TrainingSessionsService], exports: [TrainingSessionsService] })
export class TrainingSessionsModule {}
