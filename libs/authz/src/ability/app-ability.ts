import { subject, type ForcedSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';

/** Every kind of thing a rule can be about; one policy file under policies/ per subject. */
export type AuthzSubjectType =
  | 'Conversation'
  | 'Message'
  | 'User'
  | 'Account'
  | 'Group'
  | 'Role'
  | 'Scheme'
  | 'AuditTrail'
  | 'Compliance'
  | 'Presence'
  | 'Typing'
  | 'File'
  | 'Meeting'
  | 'System';

/** An object tagged with its subject type (CASL's `subject()`), as rules see it. */
export type TaggedSubject<T extends AuthzSubjectType = AuthzSubjectType> = Record<string, unknown> & ForcedSubject<T>;

/** A subject type (the route-level "any X" question), or one resource. */
export type AuthzSubject = AuthzSubjectType | TaggedSubject;

/** Tags a copy of `attributes` as a `type` subject (the copy keeps callers' records untouched). */
export function tagSubject<T extends AuthzSubjectType>(type: T, attributes: object): TaggedSubject<T> {
  const copy: Record<string, unknown> = { ...attributes };
  return subject(type, copy);
}

/**
 * Actions are verbs (`delete`), not permissions (`message.delete.own`): several permissions
 * grant the same verb under different conditions (own message vs any in channels you
 * administer), which is what CASL conditions are for.
 */
export type AppAbility = MongoAbility<[string, AuthzSubject]>;
export type AppRule = RawRuleOf<AppAbility>;
