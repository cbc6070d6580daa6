// Shared with every library that writes SQL: see @enclave/database sql-helpers.
export { escapeLike, isUniqueViolation, hasNul } from '@enclave/database';
