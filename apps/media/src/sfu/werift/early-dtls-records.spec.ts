import { describe, expect, it } from '@jest/globals';
import { Event, type RTCDtlsTransport } from 'werift';
import { keepEarlyDtlsRecords } from './early-dtls-records.js';

type DtlsState = 'new' | 'connecting' | 'connected' | 'failed' | 'closed';

/** The two werift events and one field the helper touches, driven by hand. */
function fakeTransport() {
  const onData = new Event<[Buffer]>();
  const onStateChange = new Event<[DtlsState]>();
  const transport = { state: 'new' as DtlsState, onStateChange, iceTransport: { connection: { onData } } };
  const seenByDtls: Buffer[] = [];
  return {
    transport: transport as unknown as RTCDtlsTransport,
    arrive: (packet: Buffer) => onData.execute(packet),
    setState(state: DtlsState) {
      transport.state = state;
      onStateChange.execute(state);
    },
    /** What werift's DTLS server (subscribing when it starts) receives. */
    startDtls(state: DtlsState = 'connecting') {
      transport.state = state;
      onStateChange.execute(state);
      onData.subscribe((packet) => seenByDtls.push(packet));
    },
    seenByDtls,
  };
}

const clientHello = Buffer.from([22, 0xfe, 0xfd, 0, 0]);
const stunBinding = Buffer.from([0, 1, 0, 0]);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('keepEarlyDtlsRecords', () => {
  it('hands a ClientHello that came before the DTLS server to it once it starts, and nothing else', async () => {
    const t = fakeTransport();
    keepEarlyDtlsRecords(t.transport);
    t.arrive(stunBinding);
    t.arrive(clientHello);
    t.startDtls();
    await nextTurn();
    expect(t.seenByDtls).toEqual([clientHello]);
  });

  it('keeps nothing once the DTLS server runs, and replays nothing to a transport that failed', async () => {
    // A record that arrives while the handshake runs reaches the server once, and is not kept
    // for a replay at the next state change.
    const running = fakeTransport();
    keepEarlyDtlsRecords(running.transport);
    running.startDtls();
    running.arrive(clientHello);
    running.setState('connected');
    await nextTurn();
    expect(running.seenByDtls).toEqual([clientHello]);

    const failed = fakeTransport();
    keepEarlyDtlsRecords(failed.transport);
    failed.arrive(clientHello);
    failed.startDtls('failed');
    await nextTurn();
    expect(failed.seenByDtls).toEqual([]);
  });

  it('keeps at most a handful of early records', async () => {
    const t = fakeTransport();
    keepEarlyDtlsRecords(t.transport);
    for (let i = 0; i < 50; i++) t.arrive(clientHello);
    t.startDtls();
    await nextTurn();
    expect(t.seenByDtls.length).toBeLessThanOrEqual(8);
    expect(t.seenByDtls.length).toBeGreaterThan(0);
  });
});
