export * from './permission.js';
export * from './authz-limits.js';
export * from './create-role-request.dto.js';
export * from './update-role-request.dto.js';
export * from './role-response.dto.js';
export * from './role-grant-request.dto.js';
export * from './permission-scheme.dto.js';
export * from './my-permissions-response.dto.js';
