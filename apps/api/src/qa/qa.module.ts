import { Module } from '@nestjs/common';
import { QaController } from './qa.controller';
import { QaRepository } from './qa.repository';
import { QaService } from './qa.service';

@Module({ controllers: [QaController], providers: [QaRepository, QaService], exports: [QaService, QaRepository] })
export class QaModule {}
