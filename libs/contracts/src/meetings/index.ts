export * from './media-protocol.js';
export * from './meeting-response.dto.js';
export * from './meeting-requests.dto.js';
export * from './meeting-events.js';
export * from './meeting-error-code.js';
