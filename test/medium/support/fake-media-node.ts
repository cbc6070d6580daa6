import { Redis } from 'ioredis';
import { MediaErrorCode, mediaKeys, type MediaCommand, type MediaEvent, type MediaNodeStatus, type MediaReply, type MediaRequest } from '@enclave/contracts';

/**
 * A media node double that speaks the Redis protocol of media-protocol.ts without any media:
 * it registers with a chosen load, records every command and answers `join` with a canned
 * offer. Lets placement and the control plane be tested against real Redis without an SFU.
 */
export class FakeMediaNode {
  readonly commands: MediaCommand[] = [];
  private readonly redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
  private readonly subscriber = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
  private revision = 0;

  constructor(
    readonly nodeId: string,
    private readonly prefix: string,
    public load: Partial<MediaNodeStatus> = {},
  ) {}

  async start(): Promise<void> {
    await Promise.all([this.redis.connect(), this.subscriber.connect()]);
    this.subscriber.on('message', (_channel: string, text: string) => void this.onCommand(JSON.parse(text) as MediaRequest));
    await this.subscriber.subscribe(mediaKeys.commands(this.prefix, this.nodeId));
    await this.heartbeat();
  }

  /** Writes the status hash entry; `ageMs` backdates it (a node that stopped heartbeating). */
  async heartbeat(ageMs = 0): Promise<void> {
    const status: MediaNodeStatus = {
      nodeId: this.nodeId,
      address: '127.0.0.1',
      meetings: 0,
      participants: 0,
      streamsOut: 0,
      cpuPercent: 0,
      startedAt: new Date().toISOString(),
      heartbeatAt: Date.now() - ageMs,
      heartbeatSeconds: 2,
      ...this.load,
    };
    await this.redis.hset(mediaKeys.nodes(this.prefix), this.nodeId, JSON.stringify(status));
  }

  async emit(event: MediaEvent): Promise<void> {
    await this.redis.publish(mediaKeys.events(this.prefix), JSON.stringify(event));
  }

  of<T extends MediaCommand['type']>(type: T): Array<Extract<MediaCommand, { type: T }>> {
    return this.commands.filter((c): c is Extract<MediaCommand, { type: T }> => c.type === type);
  }

  async stop(): Promise<void> {
    await this.redis.hdel(mediaKeys.nodes(this.prefix), this.nodeId);
    this.subscriber.disconnect();
    this.redis.disconnect();
  }

  private async onCommand(request: MediaRequest): Promise<void> {
    this.commands.push(request.command);
    let reply: MediaReply;
    if (request.command.type === 'join') {
      const sources = request.command.publish;
      reply = {
        id: request.id,
        ok: true,
        data: { offer: { sdp: `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=fake ${this.nodeId}\r\n`, revision: ++this.revision, publish: sources.map((source, i) => ({ mid: String(i), source })), subscriptions: [] } },
      };
    } else if (request.command.type === 'answer' && !request.command.sdp.startsWith('v=0')) {
      reply = { id: request.id, ok: false, error: { code: MediaErrorCode.InvalidSdp, message: 'The SDP could not be parsed.' } };
    } else {
      reply = { id: request.id, ok: true, data: null };
    }
    await this.redis.publish(request.replyTo, JSON.stringify(reply));
  }
}
