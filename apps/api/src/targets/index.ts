// The public surface of targets: other domains import it from '@api/targets', never a file inside.
export * from './coverage-builder';
export * from './dto/target.dto';
export * from './target.entity';
export * from './targets.module';
export * from './targets.repository';
export * from './targets.service';
export * from './target-province';
