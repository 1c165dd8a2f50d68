import { Module } from '@nestjs/common';
import { QuestionBankController } from './question-bank.controller';
import { QuestionBankRepository } from './question-bank.repository';
import { QuestionBankService } from './question-bank.service';
import { QuestionImageSweep } from './question-image-sweep';
import { QuestionImagesController } from './question-images.controller';
import { QuestionImagesRepository } from './question-images.repository';
import { QuestionImagesService } from './question-images.service';
import { QuestionImportService } from './question-import.service';

@Module({
  controllers: [QuestionBankController, QuestionImagesController],
  providers: [QuestionBankRepository, QuestionBankService, QuestionImportService, QuestionImagesRepository, QuestionImagesService, QuestionImageSweep],
  exports: [QuestionBankService],
})
export class QuestionBankModule {}
