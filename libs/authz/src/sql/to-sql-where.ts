import { rulesToAST } from '@casl/ability/extra';
import type { ActorAbility } from '../ability/actor-ability.js';
import type { AuthzSubjectType } from '../ability/app-ability.js';
import { conversationSqlFields, type ConversationSqlOptions } from '../policies/conversation.policy.js';
import { userSqlFields } from '../policies/user.policy.js';
import type { SqlField, SqlFieldMap } from './sql-fields.js';

/** A condition for `qb.andWhere(sql, params)`: named parameters (`:authz_0`), all prefixed `authz_`. */
export interface SqlCondition {
  readonly sql: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface ToSqlOptions extends ConversationSqlOptions {
  /** Columns for the subject's attributes; defaults to the subject's policy (Conversation, User). */
  readonly fields?: SqlFieldMap;
}

const DEFAULT_FIELDS: Partial<Record<AuthzSubjectType, (alias: string, options: ToSqlOptions) => SqlFieldMap>> = {
  Conversation: conversationSqlFields,
  User: (alias) => userSqlFields(alias),
};

/**
 * The shape of @ucast's AST as rulesToAST returns it (compound: operator + child conditions;
 * field: operator + field + value). Read structurally so authz does not depend on @ucast's
 * classes, a transitive dependency of @casl/ability.
 */
interface AstNode {
  readonly operator: string;
  readonly value: unknown;
  readonly field?: unknown;
}

const COMPARISONS: Readonly<Record<string, string>> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/**
 * The rows of `subject` (aliased `alias` in the query) that `ability` allows `action` on, as a
 * SQL condition, so lists are filtered by the database instead of loading everything and
 * checking in memory. Built from CASL's own rule flattening (`rulesToAST`: can-rules OR-ed,
 * each bounded by the cannot-rules above it), so it agrees with `ability.can` row by row.
 *
 * No rule: `FALSE` (deny by default). Every atom is two-valued (NULL-safe), so a NOT around
 * it behaves like CASL's in-memory NOT. Attributes without a column throw: a policy whose
 * conditions cannot be expressed in SQL must not silently widen a list.
 */
export function toSqlWhere(ability: ActorAbility, action: string, subject: AuthzSubjectType, alias: string, options: ToSqlOptions = {}): SqlCondition {
  const fields = options.fields ?? DEFAULT_FIELDS[subject]?.(alias, options);
  const params: Record<string, unknown> = { authz_actor: ability.userId };
  const ast = rulesToAST(ability.ability, action, subject) as AstNode | null;
  if (ast === null) return { sql: 'FALSE', params };
  let counter = 0;
  const param = (value: unknown): string => {
    const name = `authz_${counter++}`;
    params[name] = value;
    return `:${name}`;
  };
  const column = (name: string): SqlField => {
    const field = fields?.[name];
    if (!field) throw new Error(`toSqlWhere: ${subject}.${name} has no SQL column mapping`);
    return field;
  };
  const render = (condition: AstNode): string => {
    if (condition.field === undefined && Array.isArray(condition.value)) {
      const parts = (condition.value as AstNode[]).map(render);
      switch (condition.operator) {
        case 'and':
          return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
        case 'or':
          return parts.length === 0 ? 'FALSE' : `(${parts.join(' OR ')})`;
        case 'nor':
          return parts.length === 0 ? 'TRUE' : `NOT (${parts.join(' OR ')})`;
        case 'not':
          return `NOT (${parts.join(' AND ')})`;
        default:
          throw new Error(`toSqlWhere: unsupported operator ${condition.operator}`);
      }
    }
    if (typeof condition.field === 'string') {
      return renderField(column(condition.field), condition.operator, condition.value, param);
    }
    throw new Error(`toSqlWhere: unsupported condition ${condition.operator}`);
  };
  return { sql: render(ast), params };
}

function renderField(field: SqlField, operator: string, value: unknown, param: (value: unknown) => string): string {
  const typed = (v: unknown) => `CAST(${param(v)} AS ${field.cast})`;
  const typedArray = (v: unknown) => `CAST(${param(v)} AS ${field.cast}[])`;
  if (field.array) {
    // CASL (like MongoDB) reads `{ grants: x }` on an array as "contains x".
    if (operator === 'eq') return `COALESCE(${typed(value)} = ANY(${field.sql}), FALSE)`;
    if (operator === 'ne') return `NOT COALESCE(${typed(value)} = ANY(${field.sql}), FALSE)`;
    throw new Error(`toSqlWhere: operator ${operator} on an array attribute`);
  }
  switch (operator) {
    case 'eq':
      return value === null ? `(${field.sql} IS NULL)` : `(${field.sql} IS NOT DISTINCT FROM ${typed(value)})`;
    case 'ne':
      return value === null ? `(${field.sql} IS NOT NULL)` : `(${field.sql} IS DISTINCT FROM ${typed(value)})`;
    case 'in':
      return `COALESCE(${field.sql} = ANY(${typedArray(value)}), FALSE)`;
    case 'nin':
      return `NOT COALESCE(${field.sql} = ANY(${typedArray(value)}), FALSE)`;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return `COALESCE(${field.sql} ${COMPARISONS[operator]} ${typed(value)}, FALSE)`;
    case 'exists':
      return value ? `(${field.sql} IS NOT NULL)` : `(${field.sql} IS NULL)`;
    default:
      throw new Error(`toSqlWhere: unsupported operator ${operator}`);
  }
}

/**
 * The same condition for raw SQL with positional parameters: `$<first>`, `$<first+1>`, ...
 * Returns the SQL and the values to append to the statement's parameter list.
 */
export function toPositionalSql(condition: SqlCondition, first: number): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const indexes = new Map<string, number>();
  const sql = condition.sql.replace(/(?<!:):(authz_[A-Za-z0-9_]+)/g, (_match, name: string) => {
    let index = indexes.get(name);
    if (index === undefined) {
      index = first + values.length;
      indexes.set(name, index);
      values.push(condition.params[name]);
    }
    return `$${index}`;
  });
  return { sql, values };
}
