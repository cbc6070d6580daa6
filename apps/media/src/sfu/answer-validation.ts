import { MediaErrorCode, type IceCandidateInit } from '@enclave/contracts';
import { MediaError } from './media-error.js';

/** Far above any real answer (a few KB per m-line); a bound on what one message can make the node parse. */
export const MAX_SDP_BYTES = 128 * 1024;
const MAX_CANDIDATE_LENGTH = 1024;

/** The mids of an SDP's m-sections, in order (undefined for a section without one). */
export function sectionMids(sdp: string): Array<string | undefined> {
  return splitSections(sdp).media.map((section) => section.find((line) => line.startsWith('a=mid:'))?.slice(6).trim());
}

/**
 * Checks a client answer against the offer it answers before werift sees it: werift accepts
 * text without a single m-line as an answer and ends up with a peer connection that carries
 * nothing, so the shape the offer/answer model requires is checked here. Throws `InvalidSdp`.
 */
export function validateAnswerSdp(sdp: unknown, offeredMids: readonly string[]): string {
  const invalid = (why: string) => new MediaError(MediaErrorCode.InvalidSdp, `Invalid answer SDP: ${why}`);
  if (typeof sdp !== 'string' || sdp.length === 0) throw invalid('not a string');
  if (Buffer.byteLength(sdp) > MAX_SDP_BYTES) throw invalid(`larger than ${MAX_SDP_BYTES} bytes`);
  if (!sdp.startsWith('v=0')) throw invalid('does not start with v=0');
  const { session, media } = splitSections(sdp);
  if (media.length !== offeredMids.length) throw invalid(`${media.length} m-lines answer an offer of ${offeredMids.length}`);
  const sessionHas = (prefix: string) => session.some((line) => line.startsWith(prefix));
  media.forEach((section, index) => {
    if (!/^m=(audio|video|application) \d+ /.test(section[0])) throw invalid(`m-line ${index} is malformed`);
    const mid = section.find((line) => line.startsWith('a=mid:'))?.slice(6).trim();
    if (mid !== offeredMids[index]) throw invalid(`m-line ${index} has mid ${mid ?? '(none)'} instead of ${offeredMids[index]}`);
    if (/^m=\w+ 0 /.test(section[0])) return; // rejected m-line: no transport attributes needed
    const has = (prefix: string) => sessionHas(prefix) || section.some((line) => line.startsWith(prefix));
    for (const required of ['a=ice-ufrag:', 'a=ice-pwd:', 'a=fingerprint:']) {
      if (!has(required)) throw invalid(`m-line ${index} lacks ${required.slice(2, -1)}`);
    }
    const setup = section.find((line) => line.startsWith('a=setup:')) ?? session.find((line) => line.startsWith('a=setup:'));
    if (setup && !/^a=setup:(active|passive)$/.test(setup)) throw invalid(`m-line ${index} answers with ${setup}`);
  });
  return sdp;
}

const CANDIDATE_PATTERN = /^(?:a=)?candidate:\S{1,64} \d{1,3} (?:udp|tcp) \d{1,10} [0-9A-Za-z.:_-]{1,253} \d{1,5} typ (?:host|srflx|prflx|relay)(?: .*)?$/i;

/**
 * Checks a trickled candidate before werift sees it (werift takes a garbage string for a
 * candidate without complaint). An empty string is the end-of-candidates marker. Throws
 * `InvalidCandidate`.
 */
export function validateCandidate(candidate: IceCandidateInit, offeredMids: readonly string[]): IceCandidateInit {
  const invalid = (why: string) => new MediaError(MediaErrorCode.InvalidCandidate, `Invalid ICE candidate: ${why}`);
  if (candidate.candidate.length > MAX_CANDIDATE_LENGTH) throw invalid('too long');
  if (candidate.candidate !== '' && !CANDIDATE_PATTERN.test(candidate.candidate)) throw invalid('not an RFC 8839 candidate line');
  const mid = candidate.sdpMid ?? undefined;
  const index = candidate.sdpMLineIndex ?? undefined;
  if (mid === undefined && index === undefined) throw invalid('neither sdpMid nor sdpMLineIndex');
  if (mid !== undefined && !offeredMids.includes(mid)) throw invalid(`unknown sdpMid ${mid}`);
  if (index !== undefined && (!Number.isInteger(index) || index < 0 || index >= offeredMids.length)) throw invalid(`sdpMLineIndex ${index} out of range`);
  return candidate;
}

/** The transport address of a (validated) candidate line: `candidate:<foundation> <component> <protocol> <priority> <address> <port> typ …`. */
export function candidateAddress(candidate: string): { protocol: string; host: string; port: number } | undefined {
  const fields = candidate.replace(/^(?:a=)?candidate:/i, '').split(' ');
  if (fields.length < 6) return undefined;
  return { protocol: fields[2].toLowerCase(), host: fields[4], port: Number(fields[5]) };
}

function splitSections(sdp: string): { session: string[]; media: string[][] } {
  const lines = sdp.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.length > 0);
  const session: string[] = [];
  const media: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('m=')) media.push([line]);
    else if (media.length > 0) media[media.length - 1].push(line);
    else session.push(line);
  }
  return { session, media };
}
