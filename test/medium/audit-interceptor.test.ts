import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, Delete, Get, HttpStatus, Inject, Injectable, Param, Post, Put, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NextFunction, Response } from 'express';
import request from 'supertest';
import { AppException, HttpExceptionFilter, type EnclaveRequest } from '@enclave/core';
import { DatabaseModule, TransactionContext } from '@enclave/database';
import { AuditAction, AuditContext, AuditModule, Audited } from '@enclave/audit';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

interface Thing {
  id: string;
  name: string;
}

@Injectable()
class ThingsService {
  constructor(
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AuditContext) private readonly audit: AuditContext,
  ) {}

  async rename(id: string, name: string, secret?: string): Promise<Thing> {
    const [before] = await this.tx.manager().query<Thing[]>(`SELECT id, name FROM thing WHERE id = $1`, [id]);
    if (!before) throw new AppException('THING_NOT_FOUND', 'No such thing.', HttpStatus.NOT_FOUND);
    this.audit.setBefore(before);
    await this.tx.manager().query(`UPDATE thing SET name = $2 WHERE id = $1`, [id, name]);
    const after = { id, name };
    this.audit.setAfter({ ...after, password: secret });
    this.audit.addDetails({ renamedFrom: before.name });
    return after;
  }

  async create(name: string): Promise<Thing> {
    const id = `t-${Math.random().toString(36).slice(2, 10)}`;
    await this.tx.manager().query(`INSERT INTO thing (id, name) VALUES ($1, $2)`, [id, name]);
    return { id, name };
  }
}

@Controller('things')
class ThingsController {
  constructor(@Inject(ThingsService) private readonly things: ThingsService, @Inject(AuditContext) private readonly audit: AuditContext) {}

  @Put(':id')
  @Audited(AuditAction.UserUpdated, { target: 'thing', targetIdParam: 'id' })
  rename(@Param('id') id: string, @Body() body: { name: string; password?: string }) {
    return this.things.rename(id, body.name, body.password);
  }

  @Post()
  @Audited(AuditAction.UserCreated, { target: 'thing', targetIdFromResponse: 'id' })
  create(@Body() body: { name: string }) {
    return this.things.create(body.name);
  }

  @Put(':id/conflict')
  @Audited(AuditAction.UserUpdated, { target: 'thing', targetIdParam: 'id' })
  async renameThenConflict(@Param('id') id: string, @Body() body: { name: string }) {
    await this.things.rename(id, body.name);
    throw new AppException('THING_CONFLICT', 'Somebody else renamed it.', HttpStatus.CONFLICT);
  }

  @Delete(':id')
  @Audited(AuditAction.UserUpdated, { target: 'thing', targetIdParam: 'id' })
  remove() {
    throw new AppException('FORBIDDEN', 'You may not.', HttpStatus.FORBIDDEN);
  }

  @Get('boom')
  @Audited(AuditAction.UserUpdated, { target: 'thing' })
  boom() {
    throw new Error('internal detail that must not leak');
  }

  @Post('login-fails')
  @Audited(AuditAction.AuthLoginSucceeded, { target: 'user', failureAction: AuditAction.AuthLoginFailed })
  loginFails() {
    throw new AppException('AUTH_INVALID_CREDENTIALS', 'Wrong username or password.', HttpStatus.UNAUTHORIZED);
  }

  @Post('login')
  @Audited(AuditAction.AuthLoginSucceeded, { target: 'user' })
  login() {
    this.audit.identifyActor('user-42', 'session-42');
    this.audit.setTarget('user', 'user-42');
    return { ok: true };
  }
}

describe('@Audited and AuditInterceptor over HTTP', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const thing = async (id: string) => (await db.dataSource.query<Thing[]>(`SELECT name FROM thing WHERE id = $1`, [id]))[0]?.name;
  const lastEvent = async () => (await db.dataSource.query<Array<Record<string, unknown>>>(`SELECT * FROM audit_event ORDER BY id DESC LIMIT 1`))[0];
  const eventCount = async () => Number((await db.dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM audit_event`))[0]?.n);

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'enclave_audit_http' });
    await db.dataSource.query(`CREATE TABLE thing (id text PRIMARY KEY, name text NOT NULL)`);
    await db.dataSource.query(`INSERT INTO thing VALUES ('t1', 'first'), ('t2', 'second'), ('poison', 'p')`);
    const moduleRef = await Test.createTestingModule({
      imports: [DatabaseModule.forRoot(db.dataSource), AuditModule.forRoot({ runSealer: false })],
      controllers: [ThingsController],
      providers: [ThingsService],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    // Stand-ins for pino-http's request id and the authentication guard.
    app.use((req: EnclaveRequest, _res: Response, next: NextFunction) => {
      req.id = 'req-abc';
      const user = req.headers['x-test-user'];
      if (typeof user === 'string') (req as { auth?: unknown }).auth = { userId: user, sessionId: `s-${user}` };
      next();
    });
    app.useGlobalFilters(new HttpExceptionFilter());
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('records success in the same transaction, with target from the route, before/after from the service, secrets redacted', async () => {
    const res = await http().put('/things/t1').set('x-test-user', 'admin-1').set('user-agent', 'jest-agent').send({ name: 'renamed', password: 'hunter2' });
    expect(res.status).toBe(200);
    expect(await thing('t1')).toBe('renamed');
    expect(await lastEvent()).toMatchObject({
      action: 'user.updated',
      outcome: 'success',
      actor_user_id: 'admin-1',
      actor_session_id: 's-admin-1',
      actor_user_agent: 'jest-agent',
      request_id: 'req-abc',
      target_type: 'thing',
      target_id: 't1',
      before: { id: 't1', name: 'first' },
      after: { id: 't1', name: 'renamed', password: '[REDACTED]' },
      details: { renamedFrom: 'first' },
    });
  });

  it('takes a created resource’s id from the response', async () => {
    const res = await http().post('/things').send({ name: 'new one' });
    expect(res.status).toBe(201);
    expect(await lastEvent()).toMatchObject({ action: 'user.created', outcome: 'success', target_id: res.body.id, actor_user_id: null });
  });

  it('rolls the change back on failure and records the failure outside the transaction', async () => {
    const res = await http().put('/things/t2/conflict').send({ name: 'lost' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('THING_CONFLICT');
    expect(await thing('t2')).toBe('second');
    expect(await lastEvent()).toMatchObject({
      outcome: 'failure',
      target_id: 't2',
      before: { id: 't2', name: 'second' },
      after: null,
      details: { renamedFrom: 'second', error: { code: 'THING_CONFLICT', status: 409 } },
    });
  });

  it('records a 403 as denied', async () => {
    const res = await http().delete('/things/t1').set('x-test-user', 'intruder');
    expect(res.status).toBe(403);
    expect(await lastEvent()).toMatchObject({ outcome: 'denied', actor_user_id: 'intruder', target_id: 't1', details: { error: { code: 'FORBIDDEN', status: 403 } } });
  });

  it('records an unexpected error as a failure without its message', async () => {
    const res = await http().get('/things/boom');
    expect(res.status).toBe(500);
    const event = await lastEvent();
    expect(event).toMatchObject({ outcome: 'failure', details: { error: { code: 'INTERNAL_ERROR', status: 500 } } });
    expect(JSON.stringify(event)).not.toContain('internal detail');
  });

  it('lets a handler name the actor it authenticated', async () => {
    expect((await http().post('/things/login').send({})).status).toBe(201);
    expect(await lastEvent()).toMatchObject({ action: 'auth.login.succeeded', actor_user_id: 'user-42', actor_session_id: 'session-42', target_id: 'user-42' });
  });

  it('records a failure under its own action when the decorator names one', async () => {
    expect((await http().post('/things/login-fails').send({})).status).toBe(401);
    expect(await lastEvent()).toMatchObject({ action: 'auth.login.failed', outcome: 'denied', details: { error: { code: 'AUTH_INVALID_CREDENTIALS', status: 401 } } });
  });

  it('never commits a change whose audit record could not be written', async () => {
    // Make the audit insert fail for one target (DDL is not blocked by the append-only triggers).
    await db.dataSource.query(`ALTER TABLE audit_event ADD CONSTRAINT test_poison CHECK (target_id IS DISTINCT FROM 'poison') NOT VALID`);
    try {
      const before = await eventCount();
      const res = await http().put('/things/poison').send({ name: 'should not stick' });
      expect(res.status).toBe(500);
      expect(await thing('poison')).toBe('p');
      expect(await eventCount()).toBe(before);
    } finally {
      await db.dataSource.query(`ALTER TABLE audit_event DROP CONSTRAINT test_poison`);
    }
  });
});
