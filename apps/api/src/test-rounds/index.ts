// The public surface of test-rounds: other domains import it from '@api/test-rounds', never a file inside.
export * from './demo-remedial';
export * from './demo-test-rounds';
export * from './test-round.entity';
export * from './test-rounds.module';
export { roundPhase } from './dto/mappers';
