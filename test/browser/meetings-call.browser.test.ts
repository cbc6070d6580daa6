/**
 * Three people in one call, in Debian Chromium with fake camera, microphone and screen, through
 * the call page at /meet/:id, the server's embedded SFU and coturn. Everything is asserted from
 * RTCPeerConnection.getStats() and the page's state, never from how long it took.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MediaSource, MeetingQualityResponse, MeetingResponse } from '@enclave/contracts';
import { api } from '../e2e/support/http-client.js';
import { BrowserWorld, type BrowserUser } from './support/browser-world.js';
import type { CallPage, RemoteStats } from './support/call-page.js';
import { until } from './support/until.js';

/** Opus sends 50 packets a second: seeing 40 more from a reference stream means time has passed for the muted one too. */
const REFERENCE_PACKETS = 40;

describe('a three-person call in Chromium', () => {
  let world: BrowserWorld;
  let host: BrowserUser;
  let bob: BrowserUser;
  let chen: BrowserUser;
  let conversationId: string;
  let meeting: MeetingResponse;
  let pages: { host: CallPage; bob: CallPage; chen: CallPage };
  let ids: { host: string; bob: string; chen: string };

  beforeAll(async () => {
    // Every microphone talks, so the SFU has speech to detect (and a host mute to silence).
    world = await BrowserWorld.start('call', { talking: true });
    host = await world.user('alice', 'Alice Wang');
    bob = await world.user('bob', 'Bob Li');
    chen = await world.user('chen', 'Chen Jing');
    conversationId = await world.channel(host, [bob, chen]);
    meeting = await world.startCall(host, conversationId);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('joins three participants, and each decodes video from both others', async () => {
    const hostPage = await world.open(host, meeting.id);
    const bobPage = await world.open(bob, meeting.id);
    // Chen signs in through the page's form (no token in the link), in Chinese.
    const chenPage = await world.open(chen, meeting.id, { signInForm: true, locale: 'zh-CN' });
    pages = { host: hostPage, bob: bobPage, chen: chenPage };
    ids = { host: (await hostPage.participantId())!, bob: (await bobPage.participantId())!, chen: (await chenPage.participantId())! };

    for (const [name, page] of Object.entries(pages)) {
      const others = Object.entries(ids).filter(([n]) => n !== name).map(([, id]) => id);
      const first = await page.waitDecoding(others);
      // Growing, not just present: a second reading after the first has more of both.
      const later = await page.waitDecoding(others, 'video', first);
      for (const id of others) expect(later[id].video!.framesDecoded).toBeGreaterThan(first[id].video!.framesDecoded);
    }

    // Every page lists the same three people, and Chen's page speaks Chinese.
    for (const page of Object.values(pages)) {
      const people = await page.run((call) => call.participants.map((p) => p.id).sort());
      expect(people).toEqual(Object.values(ids).sort());
    }
    expect(await chenPage.page.textContent('#btn-leave')).toBe('离开');

    // Three tiles on the host's page: self and two remote, each with its name.
    await until('three tiles on the host page', () => hostPage.page.locator('#grid .tile').count(), (n) => n === 3);
    const names = await hostPage.page.locator('#grid .tile .name').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Alice Wang (you)', 'Bob Li', 'Chen Jing']));
    await hostPage.screenshot(world.artifact('three-tiles.png'));
    await chenPage.screenshot(world.artifact('three-tiles-zh-CN.png'));
  });

  it('shows who is speaking, as the SFU hears it from the audio levels of their packets', async () => {
    for (const [name, page] of Object.entries(pages)) {
      const others = Object.entries(ids).filter(([n]) => n !== name).map(([, id]) => id);
      await until(`${page.name} to see both others speaking`, () => page.run((call) => call.speaking), (speaking) => others.every((id) => speaking.includes(id)));
    }
    expect(await pages.host.page.$(`#grid .tile.speaking[data-key="p:${ids.bob}"]`)).not.toBeNull();
    expect(await pages.host.run((call) => call.events.some((e) => e.type === 'participant.speaking'))).toBe(true);
  });

  it('reports getStats() summaries that the server keeps as quality figures', async () => {
    const admin = await world.adminUser();
    const quality = await until(
      'a quality report with samples from all three',
      async () => (await api<MeetingQualityResponse>(world.url, 'GET', `/api/v1/meetings/${meeting.id}/quality`, { token: admin.token })).body,
      (q) => q.participants?.filter((p) => Object.values(ids).includes(p.participantId) && p.samples > 0 && p.framesDecoded > 0).length === 3,
    );
    for (const p of quality.participants.filter((x) => Object.values(ids).includes(x.participantId))) {
      expect(p.bitrateInAvgKbps).toBeGreaterThan(0);
      expect(p.rttAvgMs).not.toBeNull();
    }
  });

  it('shares a screen that the others decode at its resolution (fake screen 1280x720)', async () => {
    expect(await pages.bob.run((call) => call.shareScreen())).toBeNull();
    for (const page of [pages.host, pages.chen]) {
      await until(
        `${page.name} to decode Bob's screen at 1280x720`,
        () => page.stats(),
        (stats) => {
          const screen = stats[ids.bob]?.screen;
          return !!screen && screen.framesDecoded > 0 && screen.frameWidth === 1280 && screen.frameHeight === 720;
        },
        60_000,
      );
    }
    await until('a screen tile on the host page', () => pages.host.page.locator('#grid .tile.screen').count(), (n) => n === 1);
    await pages.host.screenshot(world.artifact('screen-share.png'));

    expect(await pages.bob.run((call) => call.stopScreen())).toBeNull();
    await until(
      'the screen to be gone from the others',
      async () => Promise.all([pages.host, pages.chen].map((p) => p.run((call, bobId) => call.participants.find((x) => x.id === bobId)?.screen, ids.bob))),
      (screens) => screens.every((s) => s === false),
    );
  });

  it('lets the host mute one participant: muted on every page, and their audio is no longer forwarded', async () => {
    // Chen's audio reaches Bob before the mute.
    await pages.bob.waitDecodingAudio([ids.chen, ids.host]);
    // Through the host's tile button, as a person would.
    await pages.host.page.click(`#grid .tile[data-key="p:${ids.chen}"] .act-mute`);

    for (const page of Object.values(pages)) {
      await until(
        `${page.name} to show Chen muted by the host`,
        () => page.run((call, chenId) => call.participants.find((p) => p.id === chenId), ids.chen),
        (p) => !!p && p.mutedByHost.includes('audio') && p.audio === false,
      );
    }
    for (const page of [pages.host, pages.bob]) {
      expect(await page.page.$(`#grid .tile.mic-muted[data-key="p:${ids.chen}"] .mic svg`)).not.toBeNull();
    }
    expect(await pages.chen.run((call) => call.events.some((e) => e.type === 'you.muted'))).toBe(true);
    await pages.bob.screenshot(world.artifact('muted-by-host.png'));

    // The SFU stops forwarding Chen's audio: at Bob and at the host, Chen's inbound audio bytes
    // stand still while the other participant's audio keeps arriving.
    await audioStops(pages.bob, ids.chen, ids.host);
    await audioStops(pages.host, ids.chen, ids.bob);

    // Nobody hears Chen, so nobody is shown Chen speaking, while Bob still is.
    for (const page of [pages.host, pages.bob]) {
      await until(`${page.name} to stop showing Chen speaking`, () => page.run((call) => call.speaking), (speaking) => !speaking.includes(ids.chen));
    }
    await until('the host to see Bob speaking still', () => pages.host.run((call) => call.speaking), (speaking) => speaking.includes(ids.bob));
    expect(await pages.host.run((call) => call.speaking)).not.toContain(ids.chen);
  });

  it('lets the host remove another: their media stops, they are told, and once locked they cannot rejoin', async () => {
    // Two clicks on "Remove": the first only arms the button.
    const remove = `#grid .tile[data-key="p:${ids.bob}"] .act-remove`;
    await pages.host.page.click(remove);
    await pages.host.page.click(remove);

    await until('Bob to be told he was removed', () => pages.bob.run((call) => ({ removed: call.removed, joined: call.joined, pc: call.pc?.connectionState })), (s) => s.removed && !s.joined && s.pc === 'closed');
    expect(await pages.bob.run((call) => call.events.map((e) => e.type))).toContain('you.removed');
    expect(await pages.bob.page.isVisible('[data-screen="message"]')).toBe(true);

    for (const page of [pages.host, pages.chen]) {
      await until(`${page.name} to see Bob leave`, () => page.run((call, bobId) => call.participants.some((p) => p.id === bobId), ids.bob), (present) => !present);
      // Bob's video no longer arrives (his subscription is gone or stands still) while the other keeps coming.
      const other = page === pages.host ? ids.chen : ids.host;
      await streamStops(page, ids.bob, 'video', other, 'video');
    }

    await pages.host.page.click('#btn-lock');
    await until('the meeting to be locked on the host page', () => pages.host.run((call) => call.events.some((e) => e.type === 'meeting.updated' && e.meeting.locked)), Boolean);
    const rejoin = await pages.bob.run((call) => call.join());
    expect(rejoin?.code).toBe('MEETING_LOCKED');
    expect(await pages.bob.run((call) => call.joined)).toBe(false);
  });

  it('runs the same call forced through TURN (?relay=1) and still decodes frames over a relay candidate pair', async () => {
    await pages.host.page.click('#btn-end');
    await until('the meeting to end for Chen', () => pages.chen.run((call) => call.ended), Boolean);
    for (const page of Object.values(pages)) await page.close();

    const relayMeeting = await world.startCall(host, conversationId, 'Relay call');
    expect(relayMeeting.id).not.toBe(meeting.id);
    const relayPages = [await world.open(host, relayMeeting.id, { relay: true }), await world.open(bob, relayMeeting.id, { relay: true }), await world.open(chen, relayMeeting.id, { relay: true })];
    const relayIds = await Promise.all(relayPages.map(async (p) => (await p.participantId())!));

    for (const [i, page] of relayPages.entries()) {
      const others = relayIds.filter((_, j) => j !== i);
      const first = await page.waitDecoding(others);
      await page.waitDecoding(others, 'video', first);
      // The transport's selected pair; its state reads 'in-progress' while a consent check is out, so wait for 'succeeded'.
      const pair = await until(`${page.name}'s selected candidate pair`, () => page.run((call) => call.selectedCandidatePair()), (p) => p?.state === 'succeeded');
      expect(pair).toMatchObject({ localType: 'relay', remoteType: 'host', remoteAddress: '127.0.0.1' });
    }
    // coturn relayed them: its log names each successful allocation.
    expect(world.coturn.output()).toMatch(/incoming packet ALLOCATE processed, success/);
  });

  afterAll(() => {
    const errors = world?.pages.flatMap((p) => p.errors) ?? [];
    expect(errors).toEqual([]);
  });
});

/** Packets of `source` from `fromId` at this page, or null when nothing of it is subscribed any more. */
function bytesOf(stats: RemoteStats, fromId: string, source: MediaSource): number | null {
  return stats[fromId]?.[source]?.bytesReceived ?? null;
}

/**
 * `fromId`'s `source` stops arriving at `page`: over a stretch in which the reference stream
 * delivered REFERENCE_PACKETS more packets, the stopped one delivered no byte. Packets in flight
 * when it stopped may still land, so stretches are tried until one is quiet.
 */
async function streamStops(page: CallPage, fromId: string, source: MediaSource, referenceId: string, referenceSource: MediaSource): Promise<void> {
  let before = await page.stats();
  await until(
    `${page.name}: ${source} of ${fromId} to stop arriving`,
    () => page.stats(),
    (now) => {
      const reference = (now[referenceId]?.[referenceSource]?.packetsReceived ?? 0) - (before[referenceId]?.[referenceSource]?.packetsReceived ?? 0);
      if (reference < REFERENCE_PACKETS) return false;
      const still = bytesOf(now, fromId, source) === null || bytesOf(now, fromId, source) === bytesOf(before, fromId, source);
      before = now;
      return still;
    },
    60_000,
  );
}

function audioStops(page: CallPage, mutedId: string, referenceId: string): Promise<void> {
  return streamStops(page, mutedId, 'audio', referenceId, 'audio');
}
