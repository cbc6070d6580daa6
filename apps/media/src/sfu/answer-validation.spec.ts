import { describe, expect, it } from '@jest/globals';
import { MediaErrorCode } from '@enclave/contracts';
import { candidateAddress, sectionMids, validateAnswerSdp, validateCandidate } from './answer-validation.js';

const section = (kind: string, mid: string, port = 9) =>
  [`m=${kind} ${port} UDP/TLS/RTP/SAVPF 96`, 'c=IN IP4 0.0.0.0', 'a=ice-ufrag:abcd', 'a=ice-pwd:0123456789abcdef0123', 'a=fingerprint:sha-256 AA:BB', 'a=setup:active', `a=mid:${mid}`, 'a=recvonly'];
const answer = (...sections: string[][]) => ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', ...sections.flat(), ''].join('\r\n');

describe('validateAnswerSdp', () => {
  const invalidSdp = expect.objectContaining({ code: MediaErrorCode.InvalidSdp });

  it('accepts an answer with the offered m-lines in order', () => {
    const sdp = answer(section('audio', '0'), section('video', '1'));
    expect(validateAnswerSdp(sdp, ['0', '1'])).toBe(sdp);
    expect(sectionMids(sdp)).toEqual(['0', '1']);
  });

  it('accepts a rejected m-line (port 0) without transport attributes', () => {
    expect(() => validateAnswerSdp(answer(section('audio', '0'), ['m=video 0 UDP/TLS/RTP/SAVPF 96', 'a=mid:1']), ['0', '1'])).not.toThrow();
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['garbage', 'garbage'],
    ['no m-lines', 'v=0\r\n'],
    ['too few m-lines', answer(section('audio', '0'))],
    ['mids out of order', answer(section('video', '1'), section('audio', '0'))],
    ['no ICE credentials', answer(section('audio', '0').filter((l) => !l.startsWith('a=ice-')), section('video', '1'))],
    ['no fingerprint', answer(section('audio', '0').filter((l) => !l.startsWith('a=fingerprint')), section('video', '1'))],
    ['setup actpass in an answer', answer(section('audio', '0').map((l) => (l === 'a=setup:active' ? 'a=setup:actpass' : l)), section('video', '1'))],
    ['a malformed m-line', answer(['m=audio nine', 'a=mid:0'], section('video', '1'))],
    ['huge', 'v=0\r\n' + 'a=x\r\n'.repeat(40_000)],
  ])('rejects %s', (_what, sdp) => {
    expect(() => validateAnswerSdp(sdp, ['0', '1'])).toThrow(invalidSdp);
  });
});

describe('validateCandidate', () => {
  const invalidCandidate = expect.objectContaining({ code: MediaErrorCode.InvalidCandidate });
  const host = 'candidate:842163049 1 udp 1677729535 127.0.0.1 52000 typ host generation 0 ufrag abcd network-cost 999';

  it('accepts browser candidates and the end-of-candidates marker', () => {
    expect(validateCandidate({ candidate: host, sdpMid: '0', sdpMLineIndex: 0 }, ['0', '1'])).toBeDefined();
    expect(validateCandidate({ candidate: `a=${host}`, sdpMLineIndex: 1 }, ['0', '1'])).toBeDefined();
    expect(validateCandidate({ candidate: 'candidate:1 1 tcp 1 10.0.0.1 9 typ srflx raddr 0.0.0.0 rport 0', sdpMid: '1' }, ['0', '1'])).toBeDefined();
    expect(validateCandidate({ candidate: '', sdpMid: '0' }, ['0'])).toBeDefined();
  });

  it.each([
    ['garbage', { candidate: 'garbage', sdpMid: '0' }],
    ['an unknown mid', { candidate: host, sdpMid: '7' }],
    ['an index out of range', { candidate: host, sdpMLineIndex: 2 }],
    ['neither mid nor index', { candidate: host }],
    ['an overlong line', { candidate: host + ' x'.repeat(600), sdpMid: '0' }],
    ['an unknown type', { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ magic', sdpMid: '0' }],
  ])('rejects %s', (_what, candidate) => {
    expect(() => validateCandidate(candidate, ['0', '1'])).toThrow(invalidCandidate);
  });
});

describe('candidateAddress', () => {
  it('reads the protocol, address and port of a candidate line', () => {
    expect(candidateAddress('candidate:842163049 1 UDP 1677729535 127.0.0.1 52000 typ host')).toEqual({ protocol: 'udp', host: '127.0.0.1', port: 52000 });
    expect(candidateAddress('a=candidate:1 1 tcp 1 ::1 9 typ host tcptype active')).toEqual({ protocol: 'tcp', host: '::1', port: 9 });
    expect(candidateAddress('')).toBeUndefined();
  });
});
