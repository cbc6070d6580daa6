import { Permission } from '@enclave/contracts';
import { capabilityPolicy } from './policy.js';

/** Meetings (the meetings issue adds conditions: joinable from conversations you are in). */
export const meetingPolicy = capabilityPolicy('Meeting', {
  [Permission.MeetingStart]: 'start',
  [Permission.MeetingJoin]: 'join',
  [Permission.MeetingModerate]: 'moderate',
  [Permission.MeetingQualityRead]: 'readQuality',
});
