export * from './realtime-limits.js';
export * from './realtime-ack.js';
export * from './client-event-map.js';
export * from './presence.dto.js';
export * from './typing.dto.js';
export * from './ws-message.dto.js';
