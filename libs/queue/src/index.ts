export * from './queue-names';
export * from './job-payloads';
export * from './job-ids';
export * from './job-options';
export * from './job.producer';
export * from './queue.module';
export * from './job-wake';
export * from './worker-options';
