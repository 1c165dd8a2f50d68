// The public surface of question-bank: other domains import it from '@api/question-bank', never a file inside.
export * from './question-bank.module';
export * from './question.entity';
