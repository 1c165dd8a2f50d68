// The public surface of common/queues: folding queued work into aggregates in batches, and creating pg-boss queues.
export * from './batch-folder';
export * from './job-queues';
