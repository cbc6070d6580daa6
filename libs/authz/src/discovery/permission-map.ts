import { RequestMethod, type INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC_KEY } from '@enclave/core';
import { REQUIRED_PERMISSIONS } from '../guard/require-permission.decorator.js';

// Nest's metadata keys (exported only from deep paths of @nestjs/common and @nestjs/websockets).
const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';
const GATEWAY_METADATA = 'websockets:is_gateway';
const MESSAGE_MAPPING_METADATA = 'websockets:message_mapping';
const MESSAGE_METADATA = 'message';

export interface PermissionMapEntry {
  /** `GET /api/v1/conversations/:id` or `WS message.send`. */
  readonly route: string;
  readonly handler: string;
  /** The declared permissions (any of), `public`, or `UNDECLARED` (which the guard refuses). */
  readonly requires: readonly string[] | 'public' | 'UNDECLARED';
}

/**
 * Every HTTP route and WebSocket event registered in an initialised application, with what it
 * declares. The authz tests fail on any UNDECLARED entry and snapshot the whole list, so a new
 * route, or a changed permission, shows up in review.
 */
export function collectPermissionMap(app: INestApplicationContext): PermissionMapEntry[] {
  const entries: PermissionMapEntry[] = [];
  const seen = new Set<object>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!type || seen.has(type)) continue;
      seen.add(type);
      const prefixes = paths(Reflect.getMetadata(PATH_METADATA, type));
      for (const name of handlerNames(type)) {
        const handler = (type.prototype as Record<string, object>)[name];
        const route: unknown = Reflect.getMetadata(PATH_METADATA, handler);
        if (route === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? 'GET';
        for (const prefix of prefixes) {
          for (const path of paths(route)) {
            entries.push({ route: `${method} ${join(prefix, path)}`, handler: `${type.name}.${name}`, requires: declared(type, handler) });
          }
        }
      }
    }
    for (const wrapper of module.providers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (typeof type !== 'function' || seen.has(type) || Reflect.getMetadata(GATEWAY_METADATA, type) !== true) continue;
      seen.add(type);
      for (const name of handlerNames(type)) {
        const handler = (type.prototype as Record<string, object>)[name];
        if (Reflect.getMetadata(MESSAGE_MAPPING_METADATA, handler) !== true) continue;
        const event = String(Reflect.getMetadata(MESSAGE_METADATA, handler));
        entries.push({ route: `WS ${event}`, handler: `${type.name}.${name}`, requires: declared(type, handler) });
      }
    }
  }
  return entries.sort((a, b) => a.route.localeCompare(b.route) || a.handler.localeCompare(b.handler));
}

function declared(type: object, handler: object): PermissionMapEntry['requires'] {
  const isPublic: unknown = Reflect.getMetadata(IS_PUBLIC_KEY, handler) ?? Reflect.getMetadata(IS_PUBLIC_KEY, type);
  if (isPublic === true) return 'public';
  const required = (Reflect.getMetadata(REQUIRED_PERMISSIONS, handler) ?? Reflect.getMetadata(REQUIRED_PERMISSIONS, type)) as string[] | undefined;
  return required && required.length > 0 ? [...required] : 'UNDECLARED';
}

function handlerNames(type: new (...args: never[]) => object): string[] {
  const names = new Set<string>();
  for (let proto = type.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
  }
  return [...names].filter((name) => typeof (type.prototype as Record<string, unknown>)[name] === 'function');
}

function paths(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : '/'];
}

function join(prefix: string, path: string): string {
  const joined = `/${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
