export * from './media-protocol.js';
