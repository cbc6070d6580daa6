export interface GroupRecord {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly parentId: string | null;
  readonly memberCount: number;
  readonly channelIds: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewGroup {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly parentId: string | null;
}

export interface GroupMemberRecord {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly addedAt: Date;
}
