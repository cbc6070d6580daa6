/**
 * Which conversations a user belongs to, for joining rooms at connect. An abstract class (a
 * DI token) so the gateway does not depend on how messaging stores memberships.
 */
export abstract class MembershipDirectory {
  abstract conversationIdsOf(userId: string): Promise<string[]>;
}
