// The public surface of topics: other domains import it from '@api/topics', never a file inside.
export * from './dto/topic.dto';
export * from './topic.entity';
export * from './topics.module';
export * from './topics.exception';
export * from './topics.repository';
