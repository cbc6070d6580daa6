// The public surface of @enclave/realtime. Everything else is internal to the library.
export { RealtimeModule, type RealtimeModuleForRoot } from './realtime.module.js';
export { REALTIME_REDIS, type RealtimeModuleOptions } from './realtime.tokens.js';
export { RealtimeService } from './realtime.service.js';
export { RealtimeIoAdapter } from './adapter/realtime-io.adapter.js';
export { WS_EVENT_PERMISSIONS } from './gateway/ws-event.decorator.js';
export { RealtimeGateway } from './gateway/realtime.gateway.js';
