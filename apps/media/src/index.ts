// The media node (SFU) as a library: apps/server embeds one in single-node mode; main.ts runs one standalone.
export * from './node/media-node.js';
export * from './sfu/sfu-backend.js';
export * from './sfu/media-error.js';
export * from './sfu/werift/werift-sfu.backend.js';
export { weriftPeerConfig, type MediaBinding } from './sfu/werift/werift-peer-config.js';
