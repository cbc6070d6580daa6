import { isIPv6 } from 'node:net';
import { useAbsSendTime, useAudioLevelIndication, useOPUS, useSdesMid, useVP8, type PeerConfig } from 'werift';

/** Where the SFU listens: `AppConfig.media` minus what werift does not need. */
export interface MediaBinding {
  readonly bindAddress: string;
  readonly announcedAddress: string;
  readonly udpPortMin: number;
  readonly udpPortMax: number;
}

/**
 * werift options for the SFU's side of every peer connection.
 *
 * ICE: werift gathers a host candidate for every non-loopback interface it finds
 * (`iceUseIpv4/6`, default true) and only *adds* `iceAdditionalHostAddresses`; with
 * `iceInterfaceAddresses` matching no gathered address it silently falls back to all of them.
 * So both families are switched off, which leaves exactly the announced address as the one host
 * candidate, and the UDP socket is bound to the bind address through `iceInterfaceAddresses`
 * (werift binds every ICE socket to that address, so nothing listens on other interfaces). The
 * two differ only behind 1:1 NAT. `iceServers: []`: werift's default is a public STUN host.
 *
 * Media: one bundled transport per peer connection; Opus and VP8 only, because the SFU forwards
 * without transcoding and every subscriber must accept what a publisher sends: offering H264 too
 * would let one browser publish H264 to another that negotiated VP8 on its sending m-line.
 * VP8 keeps werift's NACK, PLI and REMB feedback: werift answers NACKs from its send history and
 * sends NACKs to publishers for packets it missed. Audio carries `ssrc-audio-level` (RFC 6464):
 * the browser writes each packet's level, which is how the SFU tells who is speaking.
 */
export function weriftPeerConfig(binding: MediaBinding): Partial<PeerConfig> {
  if (binding.udpPortMax <= binding.udpPortMin) {
    throw new Error(`MEDIA_UDP_PORT_MAX (${binding.udpPortMax}) must be greater than MEDIA_UDP_PORT_MIN (${binding.udpPortMin})`);
  }
  return {
    iceServers: [],
    iceUseIpv4: false,
    iceUseIpv6: false,
    iceUseTcp: false,
    iceInterfaceAddresses: isIPv6(binding.bindAddress) ? { udp6: binding.bindAddress } : { udp4: binding.bindAddress },
    iceAdditionalHostAddresses: [binding.announcedAddress],
    icePortRange: [binding.udpPortMin, binding.udpPortMax],
    bundlePolicy: 'max-bundle',
    codecs: { audio: [useOPUS()], video: [useVP8()] },
    headerExtensions: { audio: [useSdesMid(), useAudioLevelIndication()], video: [useSdesMid(), useAbsSendTime()] },
  };
}
