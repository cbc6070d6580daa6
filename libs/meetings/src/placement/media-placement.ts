import type { MediaNodeStatus } from '@enclave/contracts';

/** A node is alive while its last heartbeat is younger than three heartbeat periods. */
export function isAlive(node: MediaNodeStatus, nowMs: number): boolean {
  return nowMs - node.heartbeatAt <= node.heartbeatSeconds * 3000;
}

/**
 * The least-loaded live node: fewest forwarded streams (what costs CPU on an SFU), then fewest
 * participants, then CPU; ties broken by node id so every server node picks the same one.
 */
export function pickLeastLoaded(nodes: readonly MediaNodeStatus[], nowMs: number): MediaNodeStatus | undefined {
  return nodes
    .filter((node) => isAlive(node, nowMs))
    .sort((a, b) => a.streamsOut - b.streamsOut || a.participants - b.participants || a.cpuPercent - b.cpuPercent || a.nodeId.localeCompare(b.nodeId))[0];
}

/** Parses the nodes hash, skipping entries that are not a MediaNodeStatus (a node of another version, garbage). */
export function parseNodes(hash: Record<string, string>): MediaNodeStatus[] {
  const nodes: MediaNodeStatus[] = [];
  for (const [nodeId, json] of Object.entries(hash)) {
    try {
      const value = JSON.parse(json) as Partial<MediaNodeStatus>;
      if (value.nodeId === nodeId && typeof value.heartbeatAt === 'number' && typeof value.address === 'string') {
        nodes.push({ meetings: 0, participants: 0, streamsOut: 0, cpuPercent: 0, heartbeatSeconds: 2, startedAt: '', ...value } as MediaNodeStatus);
      }
    } catch {
      // Not JSON: ignore the entry; the node rewrites it on its next heartbeat.
    }
  }
  return nodes;
}
