import { Global, Module } from '@nestjs/common';
import { TopicsController } from './topics.controller';
import { TopicsRepository } from './topics.repository';
import { TopicsService } from './topics.service';

@Global()
@Module({ controllers: [TopicsController], providers: [TopicsRepository, TopicsService], exports: [TopicsService, TopicsRepository] })
export class TopicsModule {}
