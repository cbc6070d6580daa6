export * from './job-names.js';
export * from './job-payloads.js';
