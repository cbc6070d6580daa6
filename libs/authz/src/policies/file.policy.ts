import { Permission } from '@enclave/contracts';
import { capabilityPolicy } from './policy.js';

/** Files (the files issue adds conditions: readable where the message that carries them is). */
export const filePolicy = capabilityPolicy('File', {
  [Permission.FileUpload]: 'upload',
  [Permission.FileRead]: 'read',
});
