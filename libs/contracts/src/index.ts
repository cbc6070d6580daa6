// Request/response DTOs, shared with the front ends. One folder per feature area.
export * from './identity/index.js';
export * from './identity-admin/index.js';
export * from './messaging/index.js';
export * from './realtime/index.js';
export * from './authz/index.js';
export * from './jobs/index.js';
export * from './meetings/index.js';
