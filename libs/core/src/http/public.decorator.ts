import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'enclave:public';

/**
 * Opts a route out of authentication (login, health, metrics, docs). Every other route
 * requires a valid access token: deny by default.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
