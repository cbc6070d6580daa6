import type { RTCDtlsTransport } from 'werift';

/** A browser sends one ClientHello (retransmitted a few times); more is not a handshake. */
const MAX_EARLY_RECORDS = 8;

/** RFC 7983 demultiplexing: a first byte in 20..63 is a DTLS record. */
function isDtlsRecord(packet: Buffer): boolean {
  const first = packet[0];
  return first !== undefined && first >= 20 && first <= 63;
}

/**
 * Keeps the DTLS records that reach a transport before werift starts its DTLS side, and hands
 * them to the DTLS server once it does.
 *
 * Why: the browser (DTLS client) sends its ClientHello the moment its own ICE check succeeds,
 * but werift starts the DTLS server only after its ICE agent finishes its check list, tens of
 * milliseconds later; until then werift drops DTLS records. The browser then resends only after
 * its retransmission timer (50 ms and up), which was the largest single wait between a join and
 * its first frame (`npm run bench -- meetings`, the "media connected" row).
 *
 * It stops watching at the transport's first state change (connecting, failed or closed).
 */
export function keepEarlyDtlsRecords(transport: RTCDtlsTransport): void {
  const connection = transport.iceTransport.connection;
  let early: Buffer[] = [];
  const watching = connection.onData.subscribe((packet) => {
    if (transport.state === 'new' && isDtlsRecord(packet) && early.length < MAX_EARLY_RECORDS) early.push(packet);
  });
  const starting = transport.onStateChange.subscribe((state) => {
    if (state === 'new') return;
    stop();
    if (state !== 'connecting' || early.length === 0) return;
    const records = early;
    early = [];
    // werift announces "connecting" just before it creates its DTLS server in the same task:
    // replay once that task is done, through the connection, as if the records arrived now.
    setImmediate(() => {
      if (transport.state !== 'connecting') return;
      for (const record of records) connection.onData.execute(record);
    });
  });
  function stop(): void {
    watching.unSubscribe();
    starting.unSubscribe();
  }
}
