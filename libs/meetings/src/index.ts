// The public surface of @enclave/meetings. Everything else is internal to the library.
export { MeetingsModule, type MeetingsModuleForRoot } from './meetings.module.js';
export { MEETINGS_REDIS } from './meetings.tokens.js';
export { MeetingsService } from './meetings/meetings.service.js';
export { MeetingException } from './errors/meeting.exception.js';
export { MediaControlClient } from './media-control/media-control.client.js';
export { turnCredential, iceServersFor } from './turn/turn-credentials.js';
export { pickLeastLoaded, isAlive } from './placement/media-placement.js';
export { CallPageController } from './call-page/index.js';
