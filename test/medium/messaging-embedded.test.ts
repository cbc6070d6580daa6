import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { AuditModule } from '@enclave/audit';
import { AuthzModule } from '@enclave/authz';
import { ConfigModule, loadConfig, newId, type Actor } from '@enclave/core';
import { DatabaseModule, EmbeddedPostgres, createDataSource, migrate } from '@enclave/database';
import { ConversationsService, MessagesService, MessagingModule, SyncService, ThreadsService } from '@enclave/messaging';

/**
 * The same migrations and send path on the embedded database (PGlite behind the pg wire
 * protocol), where transactions are serialised: nothing here may query through a second
 * connection from inside a transaction, or these tests hang.
 */
describe('messaging on embedded PGlite', () => {
  let dataDir: string;
  let embedded: EmbeddedPostgres;
  let dataSource: DataSource;
  let app: INestApplicationContext;
  const users: Actor[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'enclave-messaging-embedded-'));
    embedded = await EmbeddedPostgres.start(dataDir, 4);
    dataSource = createDataSource({ url: embedded.url, schema: 'public', poolSize: 4, entities: [] });
    await dataSource.initialize();
    await migrate(dataSource, 'public');
    for (const name of ['emb-a', 'emb-b', 'emb-c']) {
      const id = newId();
      await dataSource.query(`INSERT INTO app_user (id, username, display_name, created_at, updated_at) VALUES ($1, $2, $2, now(), now())`, [id, name]);
      users.push({ userId: id, sessionId: newId(), ip: '127.0.0.1', userAgent: 'medium-test', requestId: undefined });
    }
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' })), DatabaseModule.forRoot(dataSource), AuditModule.forRoot({ runSealer: false }), AuthzModule.forRoot(), MessagingModule],
    }).compile();
    app = await moduleRef.init();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends concurrently with gap-free seqs, idempotent resends, threads and catch-up', async () => {
    const [a, b, c] = users as [Actor, Actor, Actor];
    const conversations = app.get(ConversationsService);
    const messages = app.get(MessagesService);
    const channel = await conversations.createChannel(a, { name: '嵌入式', visibility: 'private', memberIds: [b.userId!, c.userId!] });
    // 30 concurrent sends, each of 15 (sender, clientMsgId) pairs twice.
    const sends = await Promise.all(
      Array.from({ length: 30 }, (_, i) => messages.send([a, b, c][(i % 15) % 3], channel.id, { text: `m${i % 15}`, clientMsgId: `e-${i % 15}` })),
    );
    const created = sends.filter((s) => s.created);
    expect(created).toHaveLength(15);
    for (let i = 0; i < 15; i++) expect(sends[i + 15].message).toEqual(sends[i].message);
    const seqs = (await dataSource.query<Array<{ seq: string }>>(`SELECT seq FROM conversation_event WHERE conversation_id = $1 ORDER BY seq`, [channel.id])).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const root = created[0].message;
    await messages.send(b, channel.id, { text: '@emb-a reply', threadRootId: root.id });
    expect((await app.get(ThreadsService).inbox(a)).items.map((i) => i.root.id)).toContain(root.id);
    const caughtUp = await app.get(SyncService).catchUp(c, { conversations: { [channel.id]: 0 }, userCursor: 0 });
    expect(caughtUp.conversations[0].events.map((e) => e.seq)).toEqual(Array.from({ length: seqs.length + 1 }, (_, i) => i + 1));
    expect(caughtUp.user!.events[0].type).toBe('conversation.added');
  });
});
