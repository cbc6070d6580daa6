// The public surface of @enclave/realtime. Everything else is internal to the library.
export { RealtimeModule, type RealtimeModuleForRoot } from './realtime.module.js';
export { REALTIME_REDIS, type RealtimeModuleOptions } from './realtime.tokens.js';
export { RealtimeService } from './realtime.service.js';
export { RealtimeIoAdapter } from './adapter/realtime-io.adapter.js';
export { WS_EVENT_PERMISSIONS } from './gateway/ws-event.decorator.js';
export { RealtimeGateway } from './gateway/realtime.gateway.js';
// For feature modules that add their own gateway on the same socket.io server (meetings).
export { WsEvent } from './gateway/ws-event.decorator.js';
export { actorFromSocket, type EnclaveSocket, type SocketData } from './gateway/socket-auth.js';
export { WsAckInterceptor } from './gateway/ws-ack.interceptor.js';
export { WsAckFilter } from './gateway/ws-ack.filter.js';
export type { RealtimeIo } from './server/realtime-server.js';
