// The public surface of common/database: SQL fragments every repository shares.
export * from './vi-order';
export * from './prepared';
export * from './coalescer';
