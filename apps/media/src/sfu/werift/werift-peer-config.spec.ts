import { describe, expect, it } from '@jest/globals';
import { weriftPeerConfig } from './werift-peer-config.js';

describe('weriftPeerConfig', () => {
  it('binds ICE to the bind address only, announces the announced address, uses the port range and configures no ICE servers', () => {
    const config = weriftPeerConfig({ bindAddress: '10.0.0.5', announcedAddress: '203.0.113.7', udpPortMin: 40000, udpPortMax: 40100 });
    expect(config).toMatchObject({
      iceServers: [],
      iceUseIpv4: false,
      iceUseIpv6: false,
      iceUseTcp: false,
      iceInterfaceAddresses: { udp4: '10.0.0.5' },
      iceAdditionalHostAddresses: ['203.0.113.7'],
      icePortRange: [40000, 40100],
      bundlePolicy: 'max-bundle',
    });
    expect(config.codecs?.audio?.map((c) => c.mimeType)).toEqual(['audio/OPUS']);
    expect(config.codecs?.video?.map((c) => c.mimeType)).toEqual(['video/VP8']);
    expect(config.headerExtensions?.audio?.map((e) => e.uri)).toContain('urn:ietf:params:rtp-hdrext:ssrc-audio-level');
    expect(config.codecs?.video?.[0].rtcpFeedback.map((f) => [f.type, f.parameter].filter(Boolean).join(' '))).toEqual(expect.arrayContaining(['nack', 'nack pli']));
  });

  it('binds an IPv6 address as udp6, and refuses an empty port range', () => {
    expect(weriftPeerConfig({ bindAddress: '::1', announcedAddress: '::1', udpPortMin: 40000, udpPortMax: 40001 }).iceInterfaceAddresses).toEqual({ udp6: '::1' });
    expect(() => weriftPeerConfig({ bindAddress: '127.0.0.1', announcedAddress: '127.0.0.1', udpPortMin: 40000, udpPortMax: 40000 })).toThrow(/MEDIA_UDP_PORT_MAX/);
  });
});
