import { Module } from '@nestjs/common';
import { CoverageModule } from '@api/coverage';
import { RecordsModule } from '@api/records';
import { HomeController } from './home.controller';
import { HomeRepository } from './home.repository';
import { HomeService } from './home.service';

@Module({ imports: [RecordsModule, CoverageModule], controllers: [HomeController], providers: [HomeRepository, HomeService] })
export class HomeModule {}
