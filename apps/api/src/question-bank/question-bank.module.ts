import { Module } from '@nestjs/common';
import { QuestionBankController } from './question-bank.controller';
import { QuestionBankRepository } from './question-bank.repository';
import { QuestionBankService } from './question-bank.service';
import { QuestionImportService } from './question-import.service';

@Module({
  controllers: [QuestionBankController],
  providers: [QuestionBankRepository, QuestionBankService, QuestionImportService],
  exports: [QuestionBankService],
})
export class QuestionBankModule {}
