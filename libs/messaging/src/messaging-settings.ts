import type { AppConfig } from '@enclave/core';

/** The messaging group of the validated configuration (MESSAGING_* settings). */
export type MessagingSettings = AppConfig['messaging'];

export const MESSAGING_SETTINGS = Symbol('MESSAGING_SETTINGS');
