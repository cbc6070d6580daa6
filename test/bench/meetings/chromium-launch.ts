/**
 * How the browser tier and the meetings bench start Chromium: Debian's package (never a
 * downloaded browser), headless, fake camera/microphone/screen, loopback ICE allowed and no
 * mDNS hiding of host candidates (STACK.md, Meetings). Lives with the bench because its
 * tsconfig cannot reach test/browser; the browser tier imports it from here.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];
