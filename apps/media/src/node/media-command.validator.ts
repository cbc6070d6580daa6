import { MEDIA_SOURCES, mediaKeys, type MediaCommand, type MediaRequest } from '@enclave/contracts';
import { z } from 'zod';
import { MAX_SDP_BYTES } from '../sfu/answer-validation.js';

/** A command larger than this is not one the control plane sends (an SDP is the biggest part). */
export const MAX_REQUEST_BYTES = MAX_SDP_BYTES + 16 * 1024;

const id = z.string().min(1).max(128);
const source = z.enum(MEDIA_SOURCES as [MediaSource, ...MediaSource[]]);
type MediaSource = (typeof MEDIA_SOURCES)[number];

const candidate = z.strictObject({
  candidate: z.string().max(1024),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

const command = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('join'),
    meetingId: id,
    participantId: id,
    userId: id,
    displayName: z.string().max(256),
    publish: z.array(source).max(MEDIA_SOURCES.length),
  }),
  z.strictObject({ type: z.literal('answer'), participantId: id, revision: z.number().int().min(1), sdp: z.string().min(1).max(MAX_SDP_BYTES) }),
  z.strictObject({ type: z.literal('candidate'), participantId: id, candidate }),
  z.strictObject({ type: z.literal('publish'), participantId: id, source, on: z.boolean() }),
  z.strictObject({ type: z.literal('mute'), participantId: id, source, muted: z.boolean() }),
  z.strictObject({ type: z.literal('leave'), participantId: id }),
  z.strictObject({ type: z.literal('end'), meetingId: id }),
]) satisfies z.ZodType<MediaCommand>;

export type ParsedMediaRequest =
  | { readonly kind: 'valid'; readonly request: MediaRequest }
  /** Well addressed but the command is malformed: answer MEDIA_INVALID_COMMAND. */
  | { readonly kind: 'invalid'; readonly id: string; readonly replyTo: string; readonly message: string }
  /** Nothing to answer to: log and drop. */
  | { readonly kind: 'unanswerable'; readonly message: string };

/**
 * Parses one message from the command channel. Replies go only to this deployment's reply
 * channels, so a forged request cannot make the node publish onto another channel.
 */
export function parseMediaRequest(raw: string, keyPrefix: string): ParsedMediaRequest {
  if (Buffer.byteLength(raw) > MAX_REQUEST_BYTES) return { kind: 'unanswerable', message: `request larger than ${MAX_REQUEST_BYTES} bytes` };
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return { kind: 'unanswerable', message: 'request is not JSON' };
  }
  const envelope = z
    .object({ id, replyTo: z.string().max(512).startsWith(mediaKeys.replies(keyPrefix, '')), command: z.unknown() })
    .safeParse(message);
  if (!envelope.success) return { kind: 'unanswerable', message: `request envelope: ${summarise(envelope.error)}` };
  const parsed = command.safeParse(envelope.data.command);
  if (!parsed.success) {
    return { kind: 'invalid', id: envelope.data.id, replyTo: envelope.data.replyTo, message: `Invalid command: ${summarise(parsed.error)}` };
  }
  return { kind: 'valid', request: { id: envelope.data.id, replyTo: envelope.data.replyTo, command: parsed.data } };
}

function summarise(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
