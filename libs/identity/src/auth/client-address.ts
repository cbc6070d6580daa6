/**
 * The key per-IP throttling counts under. IPv4-mapped IPv6 addresses become plain IPv4;
 * other IPv6 addresses collapse to their /64, because one host usually owns a whole /64
 * and could otherwise rotate addresses to dodge the limit.
 */
export function throttleKeyForAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address.slice(0, 64);
}

function expandIpv6(address: string): string[] | undefined {
  const zoneless = address.split('%')[0];
  const halves = zoneless.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
