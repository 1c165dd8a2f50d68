// The public surface of common/queues: folding queued work into aggregates in batches.
export * from './batch-folder';
