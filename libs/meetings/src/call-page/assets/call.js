// Enclave's minimal call page: signs in, joins a meeting over the realtime socket, and exchanges
// media with the SFU. The SFU is always the offerer; this page only answers, so the two sides
// never offer at once. Protocol: docs/realtime-protocol.md and @enclave/contracts (meetings).
import { io } from './socket.io.esm.min.js';

// ---------------------------------------------------------------------------------------------
// Strings. zh-CN for any Chinese browser language (Simplified is what our users read), English
// otherwise. `{name}` and `{code}` are filled in with textContent, never as HTML.

const STRINGS = {
  en: {
    lang: 'en',
    signInTitle: 'Sign in to join the meeting',
    username: 'Username',
    password: 'Password',
    totp: 'Authenticator code',
    signIn: 'Sign in',
    lobby: 'Waiting to join',
    connecting: 'Connecting…',
    reconnecting: 'Connection lost, reconnecting…',
    joining: 'Joining…',
    mute: 'Mute',
    unmute: 'Unmute',
    stopVideo: 'Stop video',
    startVideo: 'Start video',
    shareScreen: 'Share screen',
    stopSharing: 'Stop sharing',
    raiseHand: 'Raise hand',
    lowerHand: 'Lower hand',
    lock: 'Lock meeting',
    locked: 'Locked',
    unlock: 'Unlock meeting',
    endForAll: 'End for all',
    leave: 'Leave',
    you: 'you',
    selfName: '{name} (you)',
    screenOf: "{name}'s screen",
    muteParticipant: 'Mute',
    allowUnmute: 'Allow unmute',
    removeParticipant: 'Remove',
    confirmRemove: 'Remove? Click again',
    admit: 'Admit',
    deny: 'Deny',
    waiting: '{name} is waiting to join',
    cannotJoin: 'Cannot join the meeting',
    lobbyTitle: 'Waiting for the host',
    lobbyText: 'Waiting for the host to let you in…',
    deniedTitle: 'Not admitted',
    deniedText: 'The host did not let you in.',
    removedTitle: 'You were removed from the meeting',
    removedText: 'A moderator removed you from this meeting.',
    endedTitle: 'The meeting has ended',
    leftTitle: 'You left the meeting',
    rejoin: 'Rejoin',
    mutedByHost: 'The host muted your microphone.',
    stoppedByHost: 'The host turned this off.',
    noDevices: 'No camera or microphone found: you join without them.',
    errors: {
      MEETING_NOT_FOUND: 'There is no such meeting, or you cannot see it.',
      MEETING_ENDED: 'This meeting has ended.',
      MEETING_LOCKED: 'This meeting is locked: nobody new can join.',
      MEETING_FULL: 'This meeting is full.',
      MEETING_NOT_PARTICIPANT: 'You are not in this meeting.',
      MEETING_NOT_MODERATOR: 'Only the host or a moderator can do that.',
      MEETING_MUTED_BY_HOST: 'The host muted you; only the host can let you unmute.',
      MEETING_NO_MEDIA_NODE: 'No media server is available right now. Try again shortly.',
      MEETING_MEDIA_TIMEOUT: 'The media server did not answer. Try again shortly.',
      MEETING_INVALID_SIGNAL: 'The media server refused the connection details.',
      MEETING_CONVERSATION_ARCHIVED: 'The conversation of this meeting is archived.',
      MEDIA_FAILED: 'The media connection failed.',
      AUTH_INVALID_CREDENTIALS: 'Wrong username or password.',
      AUTH_MFA_REQUIRED: 'Enter the code from your authenticator app.',
      AUTH_MFA_INVALID: 'That code is not right.',
      UNAUTHENTICATED: 'Please sign in.',
      AUTH_TOKEN_EXPIRED: 'Your sign-in has expired. Sign in again.',
      AUTH_SESSION_REVOKED: 'Your session has ended. Sign in again.',
      AUTH_ACCOUNT_DEACTIVATED: 'This account is deactivated.',
      RATE_LIMITED: 'Too many requests; slow down a little.',
      NETWORK: 'The server cannot be reached.',
      TIMEOUT: 'The server did not answer in time.',
      generic: 'Something went wrong ({code}).',
    },
  },
  'zh-CN': {
    lang: 'zh-CN',
    signInTitle: '登录以加入会议',
    username: '用户名',
    password: '密码',
    totp: '动态验证码',
    signIn: '登录',
    lobby: '等候室',
    connecting: '正在连接…',
    reconnecting: '连接已断开，正在重连…',
    joining: '正在加入…',
    mute: '静音',
    unmute: '取消静音',
    stopVideo: '关闭视频',
    startVideo: '开启视频',
    shareScreen: '共享屏幕',
    stopSharing: '停止共享',
    raiseHand: '举手',
    lowerHand: '放下手',
    lock: '锁定会议',
    locked: '已锁定',
    unlock: '解锁会议',
    endForAll: '结束会议',
    leave: '离开',
    you: '我',
    selfName: '{name}（我）',
    screenOf: '{name}的屏幕共享',
    muteParticipant: '静音',
    allowUnmute: '允许取消静音',
    removeParticipant: '移出',
    confirmRemove: '确认移出？再点一次',
    admit: '准许加入',
    deny: '拒绝',
    waiting: '{name} 正在等候加入',
    cannotJoin: '无法加入会议',
    lobbyTitle: '请稍候',
    lobbyText: '正在等待主持人准许你加入…',
    deniedTitle: '未获准加入',
    deniedText: '主持人未准许你加入本次会议。',
    removedTitle: '你已被移出会议',
    removedText: '主持人已将你移出本次会议。',
    endedTitle: '会议已结束',
    leftTitle: '你已离开会议',
    rejoin: '重新加入',
    mutedByHost: '主持人已将你的麦克风静音。',
    stoppedByHost: '主持人已关闭此项。',
    noDevices: '未找到摄像头或麦克风，你将在无音视频的情况下加入。',
    errors: {
      MEETING_NOT_FOUND: '会议不存在，或你无权查看。',
      MEETING_ENDED: '会议已结束。',
      MEETING_LOCKED: '会议已锁定，无法再加入。',
      MEETING_FULL: '会议人数已满。',
      MEETING_NOT_PARTICIPANT: '你不在此会议中。',
      MEETING_NOT_MODERATOR: '只有主持人或协管员可以执行此操作。',
      MEETING_MUTED_BY_HOST: '主持人已将你静音，只有主持人可以允许你取消静音。',
      MEETING_NO_MEDIA_NODE: '暂无可用的媒体服务器，请稍后再试。',
      MEETING_MEDIA_TIMEOUT: '媒体服务器未响应，请稍后再试。',
      MEETING_INVALID_SIGNAL: '媒体服务器拒绝了连接参数。',
      MEETING_CONVERSATION_ARCHIVED: '此会议所属的会话已归档。',
      MEDIA_FAILED: '媒体连接失败。',
      AUTH_INVALID_CREDENTIALS: '用户名或密码错误。',
      AUTH_MFA_REQUIRED: '请输入身份验证器中的动态验证码。',
      AUTH_MFA_INVALID: '验证码不正确。',
      UNAUTHENTICATED: '请先登录。',
      AUTH_TOKEN_EXPIRED: '登录已过期，请重新登录。',
      AUTH_SESSION_REVOKED: '会话已结束，请重新登录。',
      AUTH_ACCOUNT_DEACTIVATED: '此账号已停用。',
      RATE_LIMITED: '操作过于频繁，请稍后再试。',
      NETWORK: '无法连接服务器。',
      TIMEOUT: '服务器响应超时。',
      generic: '出现错误（{code}）。',
    },
  },
};

function pickStrings(language) {
  return language.toLowerCase().startsWith('zh') ? STRINGS['zh-CN'] : STRINGS.en;
}

const t = pickStrings(navigator.languages?.[0] ?? navigator.language ?? 'en');
const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'enclave.call.token';
const MIC_OFF_ICON =
  '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M19 11h-1.7c0 .74-.16 1.43-.43 2.05l1.23 1.23c.56-.98.9-2.09.9-3.28zm-4.02.17c0-.06.02-.11.02-.17V5c0-1.66-1.34-3-3-3S9 3.34 9 5v.18l5.98 5.99zM4.27 3 3 4.27l6.01 6.01V11c0 1.66 1.33 3 2.99 3 .22 0 .44-.03.65-.08l1.66 1.66c-.71.33-1.5.52-2.31.52-2.76 0-5.3-2.1-5.3-5.1H5c0 3.41 2.72 6.23 6 6.72V21h2v-3.28c.91-.13 1.77-.45 2.54-.9L19.73 21 21 19.73 4.27 3z"/></svg>';

const HAND_ICON =
  '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M21 7c0-1.38-1.12-2.5-2.5-2.5-.17 0-.34.02-.5.05V4c0-1.38-1.12-2.5-2.5-2.5-.23 0-.46.03-.67.09C14.46.66 13.56 0 12.5 0c-1.23 0-2.25.89-2.46 2.06C9.87 2.02 9.69 2 9.5 2 8.12 2 7 3.12 7 4.5v5.89c-.34-.31-.76-.54-1.22-.66L5 9.52c-.83-.23-1.7.09-2.19.83-.38.57-.4 1.31-.15 1.95l2.56 6.43C6.49 21.91 9.57 24 13 24c4.42 0 8-3.58 8-8V7z"/></svg>';

const call = {
  meetingId: location.pathname.split('/').filter(Boolean).pop(),
  relay: new URLSearchParams(location.search).get('relay') === '1',
  token: null,
  socket: null,
  pc: null,
  meeting: null,
  me: null,
  /** Everyone joined (ParticipantResponse by participant id), including me. */
  participants: new Map(),
  /** Who the media server hears speaking right now (participant ids, from participant.speaking). */
  speaking: new Set(),
  /** What each receiving transceiver carries (MediaSubscription by mid), from the latest offer. */
  subscriptions: new Map(),
  /** Which mid the SFU offered for each of my sources. */
  publishSlots: new Map(),
  camera: null,
  screenTrack: null,
  revision: 0,
  pendingOffer: null,
  negotiating: false,
  /** Candidates wait until the first answer is sent: they mean nothing to the SFU before it. */
  heldCandidates: [],
  /** Called once the answer being worked on has gone out (or failed): join() draws the call then. */
  afterAnswer: null,
  statsTimer: null,
  previousTotals: null,
  /** Meeting events as they arrived, newest last (for tests and debugging). */
  events: [],
  flags: { joined: false, inLobby: false, removed: false, ended: false },
  lastError: null,
  wantJoin: false,
  /** A meeting.join is in flight; signals that arrive meanwhile wait in earlySignals. */
  joining: false,
  earlySignals: [],
  /** Signalling as it happened (offers, answers, refusals): shown by tests when something hangs. */
  trace: [],
};

function trace(line) {
  call.trace.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  if (call.trace.length > 500) call.trace.shift();
}

// ---------------------------------------------------------------------------------------------
// Screens and small UI helpers

function show(screen) {
  document.body.dataset.screen = screen;
  for (const el of document.querySelectorAll('.screen')) el.hidden = el.dataset.screen !== screen;
}

function message(title, text, action) {
  $('message-title').textContent = title;
  $('message-text').textContent = text ?? '';
  const button = $('message-action');
  button.hidden = !action;
  if (action) {
    button.textContent = action.label;
    button.onclick = action.run;
  }
  show('message');
}

function status(text) {
  $('status').textContent = text ?? '';
}

function toast(text) {
  const el = document.createElement('div');
  el.className = 'toast';
  el.textContent = text;
  $('toasts').append(el);
  setTimeout(() => el.remove(), 5000);
}

function errorText(code) {
  return t.errors[code] ?? t.errors.generic.replace('{code}', code ?? '?');
}

// ---------------------------------------------------------------------------------------------
// Signing in: the token comes from the URL fragment (never sent to the server, so never in access
// logs) or from the sign-in form. It is kept for this tab only, so a reload does not sign out.

function takeTokenFromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    // Out of the address bar, so it is not copied along with the link.
    history.replaceState(null, '', location.pathname + location.search);
  }
  return token ?? sessionStorage.getItem(TOKEN_KEY);
}

function showSignIn(errorMessage) {
  $('signin-error').textContent = errorMessage ?? '';
  show('signin');
  $('signin-form').elements.namedItem('username').focus();
}

async function signIn(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const body = { username: form.elements.namedItem('username').value, password: form.elements.namedItem('password').value };
  const totp = form.elements.namedItem('totp').value.trim();
  if (totp) body.totp = totp;
  $('signin-error').textContent = '';
  const res = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => null);
  const data = res ? await res.json().catch(() => null) : null;
  if (!res?.ok || !data?.accessToken) {
    const code = data?.error?.code ?? 'NETWORK';
    if (code === 'AUTH_MFA_REQUIRED') $('totp-field').hidden = false;
    $('signin-error').textContent = errorText(code);
    return;
  }
  form.elements.namedItem('password').value = '';
  sessionStorage.setItem(TOKEN_KEY, data.accessToken);
  start(data.accessToken);
}

// ---------------------------------------------------------------------------------------------
// The socket

function connect(token) {
  call.token = token;
  status(t.connecting);
  const socket = io(location.origin, { transports: ['websocket'], auth: { token } });
  call.socket = socket;
  socket.on('ready', () => {
    status('');
    // First connect, or a reconnect: the server ended our attendance when the socket dropped.
    if (call.wantJoin && !call.flags.joined) void join();
  });
  socket.on('connect_error', (err) => {
    const code = err?.data?.code;
    if (code === 'UNAUTHENTICATED' || code === 'AUTH_TOKEN_EXPIRED' || code === 'AUTH_SESSION_REVOKED' || code === 'AUTH_ACCOUNT_DEACTIVATED') {
      socket.close();
      sessionStorage.removeItem(TOKEN_KEY);
      showSignIn(errorText(code));
    } else {
      status(t.reconnecting);
    }
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    status(t.reconnecting);
    if (call.flags.joined) teardown();
  });
  socket.on('session.ended', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    teardown();
    showSignIn(errorText('AUTH_SESSION_REVOKED'));
  });
  socket.on('meeting.event', onMeetingEvent);
  socket.on('meeting.signal', (signal) => {
    trace(`signal for ${signal.participantId.slice(0, 8)} rev ${signal.offer.revision} (me ${call.me?.id.slice(0, 8) ?? '-'})`);
    if (signal.meetingId !== call.meetingId) return;
    // Someone joining right after us makes the SFU renegotiate before our join's ack is here:
    // keep such offers until we know which participant we are.
    if (call.joining) call.earlySignals.push(signal);
    else if (signal.participantId === call.me?.id) queueOffer(signal.offer);
  });
}

/** Every client event carries an ack; a lost connection or a slow server becomes an error ack. */
async function request(event, payload) {
  try {
    return await call.socket.timeout(15000).emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: 'TIMEOUT', message: `${event} was not answered` } };
  }
}

// ---------------------------------------------------------------------------------------------
// Joining, the lobby, leaving

async function acquireCamera() {
  if (call.camera?.getTracks().some((track) => track.readyState === 'live')) return call.camera;
  // Fall back step by step: a missing camera must not keep someone out of a call.
  for (const constraints of [
    { audio: true, video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } } },
    { audio: true },
    { video: true },
  ]) {
    try {
      call.camera = await navigator.mediaDevices.getUserMedia(constraints);
      return call.camera;
    } catch {
      /* try the next, smaller set */
    }
  }
  toast(t.noDevices);
  call.camera = new MediaStream();
  return call.camera;
}

async function join() {
  call.wantJoin = true;
  status(t.joining);
  const camera = await acquireCamera();
  const publish = [];
  if (camera.getAudioTracks().length > 0) publish.push('audio');
  if (camera.getVideoTracks().length > 0) publish.push('video');
  // Join-to-first-frame is the figure users feel; these marks show it in devtools and the bench
  // (test/bench/meetings/join-latency.ts) reads it from them.
  for (const name of ['enclave:join-acked', 'enclave:first-answer', 'enclave:media-connected', 'enclave:first-remote-frame']) performance.clearMarks(name);
  // Made before asking to join, while nothing is waiting on it: creating the first peer
  // connection of a page costs Chromium tens of milliseconds. The ICE servers come with the ack.
  const pc = openPeerConnection();
  performance.mark('enclave:join-sent');
  call.joining = true;
  call.earlySignals = [];
  const ack = await request('meeting.join', { meetingId: call.meetingId, publish });
  call.joining = false;
  performance.mark('enclave:join-acked');
  status('');
  if (!ack.ok || ack.data.lobby) pc.close();
  if (!ack.ok) {
    call.wantJoin = false;
    call.lastError = ack.error.code;
    message(t.cannotJoin, errorText(ack.error.code));
    return ack.error;
  }
  const joined = ack.data;
  call.meeting = joined.meeting;
  call.me = joined.participant;
  Object.assign(call.flags, { removed: false, ended: false });
  if (joined.lobby) {
    call.flags.inLobby = true;
    showTitle();
    message(t.lobbyTitle, t.lobbyText, { label: t.leave, run: leave });
    return null;
  }
  call.flags.inLobby = false;
  call.participants = new Map(joined.participants.map((p) => [p.id, p]));
  call.participants.set(joined.participant.id, joined.participant);
  // Torn down while the join was on its way (session ended, meeting ended): nothing to set up.
  if (call.pc !== pc || pc.signalingState === 'closed') return null;
  pc.setConfiguration({ ...pc.getConfiguration(), iceServers: joined.iceServers });
  call.flags.joined = true;
  // Answer first, then draw the call: each step of applying the offer needs the main thread
  // back, and drawing the call view takes it for tens of milliseconds (join → first frame).
  const answered = new Promise((resolve) => (call.afterAnswer = resolve));
  if (joined.offer) queueOffer(joined.offer);
  for (const signal of call.earlySignals.splice(0)) if (signal.participantId === joined.participant.id) queueOffer(signal.offer);
  if (call.pendingOffer || call.negotiating) await answered;
  call.afterAnswer = null;
  // Removed, ended or left while answering: the message that teardown showed stays.
  if (call.pc !== pc || !call.flags.joined) return null;
  showTitle();
  show('call');
  render();
  startStats(joined.statsIntervalMs);
  return null;
}

function answerDone() {
  call.afterAnswer?.();
  call.afterAnswer = null;
}

function showTitle() {
  document.title = `${call.meeting.title} · Enclave`;
  $('meeting-title').textContent = call.meeting.title;
}

/** A fresh peer connection (replacing any earlier one) without ICE servers yet: join() sets them from its ack. */
function openPeerConnection() {
  call.pc?.close();
  // A pooled ICE gatherer: the local candidates are ready by the time the answer is set, so the
  // first connectivity check goes out at once (join → first frame).
  const pc = new RTCPeerConnection({ iceServers: [], iceTransportPolicy: call.relay ? 'relay' : 'all', bundlePolicy: 'max-bundle', iceCandidatePoolSize: 1 });
  call.pc = pc;
  call.revision = 0;
  call.heldCandidates = [];
  pc.onicecandidate = ({ candidate }) => {
    if (!candidate || !candidate.candidate) return;
    const init = candidate.toJSON();
    if (call.revision > 0) void sendCandidate(init);
    else call.heldCandidates.push(init);
  };
  // Tracks arrive while an offer is being applied; that answer() renders once it is sent, and
  // drawing in between held the main thread the answer needed (join → first frame).
  pc.ontrack = () => {
    if (!call.negotiating) render();
  };
  pc.onconnectionstatechange = () => {
    if (pc !== call.pc) return;
    if (pc.connectionState === 'connected' && performance.getEntriesByName('enclave:media-connected').length === 0) performance.mark('enclave:media-connected');
    if (pc.connectionState === 'failed') toast(errorText('MEDIA_FAILED'));
    document.body.dataset.media = pc.connectionState;
  };
  return pc;
}

async function sendCandidate(candidate) {
  const ack = await request('meeting.candidate', { meetingId: call.meetingId, participantId: call.me.id, candidate });
  if (!ack.ok && ack.error.code !== 'MEETING_NOT_PARTICIPANT') console.warn('candidate refused', ack.error);
}

function leave() {
  if (call.flags.joined || call.flags.inLobby) void request('meeting.leave', { meetingId: call.meetingId, participantId: call.me.id });
  call.wantJoin = false;
  call.flags.inLobby = false;
  teardown();
  message(t.leftTitle, '', { label: t.rejoin, run: () => void join() });
}

/** Stops everything media: our tracks, the connection, the tiles. The socket stays for a rejoin. */
function teardown() {
  call.flags.joined = false;
  clearInterval(call.statsTimer);
  call.statsTimer = null;
  call.pc?.close();
  for (const track of call.camera?.getTracks() ?? []) track.stop();
  call.screenTrack?.stop();
  call.screenTrack = null;
  call.subscriptions = new Map();
  call.speaking = new Set();
  call.publishSlots = new Map();
  call.pendingOffer = null;
  for (const tile of document.querySelectorAll('#grid .tile')) tile.remove();
  $('lobby-list').replaceChildren();
}

// ---------------------------------------------------------------------------------------------
// Negotiation. Offers are answered one at a time, in revision order; an offer that a newer one
// replaced before we got to it is skipped (the SFU would refuse its answer as stale anyway).

function queueOffer(offer) {
  trace(`offer rev ${offer.revision}: publish ${offer.publish.map((p) => p.source).join(',')}; ${offer.subscriptions.length} subscriptions`);
  if (offer.revision <= call.revision) return;
  if (!call.pendingOffer || offer.revision > call.pendingOffer.revision) call.pendingOffer = offer;
  void negotiate();
}

async function negotiate() {
  if (call.negotiating || !call.pc) return;
  call.negotiating = true;
  try {
    while (call.pendingOffer && call.pc) {
      const offer = call.pendingOffer;
      const pc = call.pc;
      call.pendingOffer = null;
      if (offer.revision <= call.revision) continue;
      try {
        await answer(pc, offer);
      } catch (error) {
        answerDone();
        // A connection closed under us (left, removed, ended) is not a failure worth a word.
        if (pc !== call.pc || pc.signalingState === 'closed') continue;
        trace(`offer rev ${offer.revision} failed: ${error?.message ?? error}`);
        console.error('negotiation failed', error);
        toast(errorText('MEDIA_FAILED'));
      }
    }
  } finally {
    call.negotiating = false;
    answerDone();
  }
}

async function answer(pc, offer) {
  await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
  call.subscriptions = new Map(offer.subscriptions.map((s) => [s.mid, s]));
  call.publishSlots = new Map(offer.publish.map((s) => [s.source, s.mid]));
  // replaceTrack() runs on the connection's operations chain, ahead of createAnswer(): started
  // together instead of awaited one by one, they cost no extra round trips to the page.
  const attaching = [];
  for (const slot of offer.publish) {
    const transceiver = pc.getTransceivers().find((tr) => tr.mid === slot.mid);
    if (!transceiver) continue;
    transceiver.direction = 'sendonly';
    const track = localTrack(slot.source);
    if (transceiver.sender.track !== track) attaching.push(transceiver.sender.replaceTrack(track).catch((error) => error));
  }
  const localAnswer = await pc.createAnswer();
  // Each settles to its error, if any, so a failed createAnswer() leaves none unhandled.
  for (const failed of await Promise.all(attaching)) if (failed instanceof Error) throw failed;
  await pc.setLocalDescription(localAnswer);
  if (performance.getEntriesByName('enclave:first-answer').length === 0) performance.mark('enclave:first-answer');
  const firstAnswer = call.revision === 0;
  call.revision = offer.revision;
  const acked = request('meeting.answer', { meetingId: call.meetingId, participantId: call.me.id, revision: offer.revision, sdp: pc.localDescription.sdp });
  // Candidates follow the answer on the same socket; the SFU keeps any that overtake it.
  if (firstAnswer) for (const candidate of call.heldCandidates.splice(0)) void sendCandidate(candidate);
  answerDone();
  const ack = await acked;
  trace(`answer rev ${offer.revision}: ${ack.ok ? 'ok' : ack.error.code}`);
  if (!ack.ok && ack.error.code !== 'MEETING_STALE_OFFER') {
    call.lastError = ack.error.code;
    toast(errorText(ack.error.code));
  }
  render();
}

function localTrack(source) {
  if (source === 'audio') return call.camera?.getAudioTracks()[0] ?? null;
  if (source === 'video') return call.camera?.getVideoTracks()[0] ?? null;
  return call.screenTrack;
}

// ---------------------------------------------------------------------------------------------
// Own controls

async function setOwnState(change) {
  const ack = await request('meeting.update', { meetingId: call.meetingId, participantId: call.me.id, ...change });
  if (!ack.ok) {
    toast(errorText(ack.error.code));
    return false;
  }
  upsertParticipant(ack.data);
  return true;
}

async function toggleTrack(source) {
  const track = localTrack(source);
  if (!track) return;
  const on = !track.enabled;
  if (on && call.me.mutedByHost.includes(source)) return toast(errorText('MEETING_MUTED_BY_HOST'));
  track.enabled = on;
  if (!(await setOwnState({ [source]: on }))) track.enabled = !on;
  render();
}

async function shareScreen() {
  if (!call.flags.joined) return 'NOT_JOINED';
  if (call.screenTrack) return 'ALREADY_SHARING';
  let stream;
  try {
    // No size asked for: the screen is sent at its own resolution, never scaled up or down here.
    stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
  } catch {
    return 'CANCELLED';
  }
  const track = stream.getVideoTracks()[0];
  // Text on a shared screen must stay sharp: let congestion cost frame rate, not resolution.
  track.contentHint = 'detail';
  track.addEventListener('ended', () => void stopScreen());
  call.screenTrack = track;
  // The SFU answers with a new offer carrying a `screen` publish slot; answer() attaches the track.
  const ack = await request('meeting.publish', { meetingId: call.meetingId, participantId: call.me.id, source: 'screen', on: true });
  if (!ack.ok) {
    track.stop();
    call.screenTrack = null;
    toast(errorText(ack.error.code));
    return ack.error.code;
  }
  upsertParticipant(ack.data);
  return null;
}

async function stopScreen() {
  const track = call.screenTrack;
  if (!track) return null;
  call.screenTrack = null;
  track.stop();
  const mid = call.publishSlots.get('screen');
  const sender = call.pc?.getTransceivers().find((tr) => tr.mid === mid)?.sender;
  await sender?.replaceTrack(null);
  if (!call.flags.joined) return null;
  const ack = await request('meeting.publish', { meetingId: call.meetingId, participantId: call.me.id, source: 'screen', on: false });
  if (ack.ok) upsertParticipant(ack.data);
  return ack.ok ? null : ack.error.code;
}

async function moderate(action, participantId, source) {
  const payload = { meetingId: call.meetingId, action };
  if (participantId) payload.participantId = participantId;
  if (source) payload.source = source;
  const ack = await request('meeting.moderate', payload);
  if (!ack.ok) {
    toast(errorText(ack.error.code));
    return ack.error.code;
  }
  call.meeting = ack.data;
  render();
  return null;
}

// ---------------------------------------------------------------------------------------------
// What the server tells us

function upsertParticipant(participant) {
  if (participant.state === 'joined') call.participants.set(participant.id, participant);
  else {
    call.participants.delete(participant.id);
    call.speaking.delete(participant.id);
  }
  if (participant.id === call.me?.id) call.me = participant;
}

function onMeetingEvent(event) {
  if (event.meetingId !== call.meetingId) return;
  call.events.push(event);
  switch (event.type) {
    case 'participant.joined':
    case 'participant.updated':
    case 'participant.left':
      upsertParticipant(event.participant);
      for (const li of $('lobby-list').querySelectorAll(`[data-participant="${event.participant.id}"]`)) li.remove();
      break;
    case 'participant.speaking':
      if (event.speaking) call.speaking.add(event.participantId);
      else call.speaking.delete(event.participantId);
      // Only the one tile's frame changes: no whole render() for it.
      $('grid').querySelector(`.tile[data-key="p:${event.participantId}"]`)?.classList.toggle('speaking', event.speaking);
      return;
    case 'lobby.waiting':
      addLobbyEntry(event.participant);
      toast(t.waiting.replace('{name}', event.participant.displayName));
      break;
    case 'lobby.admitted':
      call.flags.inLobby = false;
      void join();
      break;
    case 'lobby.denied':
      call.flags.inLobby = false;
      call.wantJoin = false;
      message(t.deniedTitle, t.deniedText);
      break;
    case 'you.muted': {
      upsertParticipant(event.participant);
      const track = localTrack(event.source);
      if (track) track.enabled = false;
      toast(event.source === 'audio' ? t.mutedByHost : t.stoppedByHost);
      break;
    }
    case 'you.removed':
      call.wantJoin = false;
      teardown();
      call.flags.removed = true;
      message(t.removedTitle, t.removedText);
      break;
    case 'meeting.updated':
      call.meeting = event.meeting;
      break;
    case 'meeting.ended':
      call.meeting = event.meeting;
      call.wantJoin = false;
      teardown();
      call.flags.ended = true;
      message(t.endedTitle, '');
      break;
  }
  render();
}

function addLobbyEntry(participant) {
  const list = $('lobby-list');
  if (list.querySelector(`[data-participant="${participant.id}"]`)) return;
  const li = document.createElement('li');
  li.dataset.participant = participant.id;
  const name = document.createElement('span');
  name.textContent = participant.displayName;
  const admit = button(t.admit, 'primary', () => void moderate('admit', participant.id).then((err) => err || li.remove()));
  const deny = button(t.deny, 'danger', () => void moderate('deny', participant.id).then((err) => err || li.remove()));
  li.append(name, admit, deny);
  list.append(li);
}

function button(label, className, onClick) {
  const el = document.createElement('button');
  el.type = 'button';
  el.className = className;
  el.textContent = label;
  el.addEventListener('click', onClick);
  return el;
}

// ---------------------------------------------------------------------------------------------
// Rendering: one tile per joined participant (mine first), plus one per shared screen.

function isModerator() {
  return call.me?.role === 'host' || call.me?.role === 'moderator';
}

function micMuted(participant) {
  return !participant.audio || participant.mutedByHost.includes('audio');
}

/** The receiving track of a participant's source, by the mid the latest offer gave it. */
function remoteTrack(participantId, source) {
  for (const [mid, sub] of call.subscriptions) {
    if (sub.participantId !== participantId || sub.source !== source) continue;
    const transceiver = call.pc?.getTransceivers().find((tr) => tr.mid === mid);
    if (transceiver) return transceiver.receiver.track;
  }
  return null;
}

function attach(media, track, remote = false) {
  const current = media.srcObject?.getTracks()[0] ?? null;
  if (current === track) return;
  media.srcObject = track ? new MediaStream([track]) : null;
  if (remote && track?.kind === 'video' && media.requestVideoFrameCallback && performance.getEntriesByName('enclave:first-remote-frame').length === 0) {
    media.requestVideoFrameCallback(() => {
      if (performance.getEntriesByName('enclave:first-remote-frame').length === 0) performance.mark('enclave:first-remote-frame');
    });
  }
}

function tileFor(key) {
  const grid = $('grid');
  let tile = grid.querySelector(`.tile[data-key="${key}"]`);
  if (!tile) {
    tile = $('tile-template').content.firstElementChild.cloneNode(true);
    tile.dataset.key = key;
    grid.append(tile);
  }
  return tile;
}

/** The server's ear (audio levels at the SFU) or a client that reports it itself. */
function isSpeaking(p) {
  return call.speaking.has(p.id) || p.speaking;
}

function render() {
  if (!call.flags.joined) return;
  const wanted = new Set();
  const people = [...call.participants.values()].sort((a, b) => (a.id === call.me.id ? -1 : b.id === call.me.id ? 1 : (a.joinedAt ?? '').localeCompare(b.joinedAt ?? '')));
  for (const p of people) {
    const mine = p.id === call.me.id;
    const tile = tileFor(`p:${p.id}`);
    wanted.add(tile);
    tile.dataset.participant = p.id;
    tile.classList.toggle('self', mine);
    tile.classList.toggle('speaking', isSpeaking(p));
    tile.querySelector('.name').textContent = mine ? t.selfName.replace('{name}', p.displayName) : p.displayName;
    tile.querySelector('.avatar').textContent = initials(p.displayName);
    const muted = micMuted(p);
    tile.classList.toggle('mic-muted', muted);
    tile.querySelector('.mic').innerHTML = muted ? MIC_OFF_ICON : '';
    tile.querySelector('.hand').innerHTML = p.handRaised ? HAND_ICON : '';
    tile.querySelector('.hand').hidden = !p.handRaised;
    const video = tile.querySelector('video');
    const videoTrack = mine ? localTrack('video') : remoteTrack(p.id, 'video');
    attach(video, videoTrack, !mine);
    tile.classList.toggle('no-video', !videoTrack || !p.video);
    if (!mine) renderAudio(tile, p.id);
    renderTileActions(tile, p, mine);
    if (p.screen) {
      const screenTile = tileFor(`s:${p.id}`);
      wanted.add(screenTile);
      screenTile.classList.add('screen');
      screenTile.dataset.participant = p.id;
      screenTile.querySelector('.name').textContent = t.screenOf.replace('{name}', mine ? t.you : p.displayName);
      screenTile.querySelector('.avatar').textContent = '';
      attach(screenTile.querySelector('video'), mine ? call.screenTrack : remoteTrack(p.id, 'screen'), !mine);
    }
  }
  for (const tile of document.querySelectorAll('#grid .tile')) if (!wanted.has(tile)) tile.remove();
  layout();
  renderControls();
}

function renderAudio(tile, participantId) {
  let audio = tile.querySelector('audio');
  if (!audio) {
    audio = document.createElement('audio');
    audio.autoplay = true;
    tile.append(audio);
  }
  attach(audio, remoteTrack(participantId, 'audio'));
}

function renderTileActions(tile, p, mine) {
  const actions = tile.querySelector('.tile-actions');
  actions.hidden = mine || !isModerator();
  if (actions.hidden) return;
  const hostMuted = p.mutedByHost.includes('audio');
  const mute = actions.querySelector('.act-mute');
  mute.textContent = hostMuted ? t.allowUnmute : t.muteParticipant;
  mute.onclick = () => void moderate(hostMuted ? 'unmute' : 'mute', p.id, 'audio');
  const remove = actions.querySelector('.act-remove');
  if (remove.dataset.armed !== '1') remove.textContent = t.removeParticipant;
  // Two clicks: removing someone by a stray click would be rude and is not undoable.
  remove.onclick = () => {
    if (remove.dataset.armed === '1') return void moderate('remove', p.id);
    remove.dataset.armed = '1';
    remove.textContent = t.confirmRemove;
    setTimeout(() => {
      remove.dataset.armed = '';
      remove.textContent = t.removeParticipant;
    }, 4000);
  };
}

function renderControls() {
  const mic = localTrack('audio');
  const cam = localTrack('video');
  setToggle($('btn-mic'), !!mic?.enabled, t.mute, t.unmute, !mic);
  setToggle($('btn-cam'), !!cam?.enabled, t.stopVideo, t.startVideo, !cam);
  setToggle($('btn-screen'), !!call.screenTrack, t.stopSharing, t.shareScreen, !navigator.mediaDevices?.getDisplayMedia);
  setToggle($('btn-hand'), !!call.me?.handRaised, t.lowerHand, t.raiseHand, false);
  const moderator = isModerator();
  $('btn-lock').hidden = !moderator;
  $('btn-lock').textContent = call.meeting?.locked ? t.unlock : t.lock;
  $('btn-end').hidden = !moderator;
  $('side').hidden = !moderator || $('lobby-list').children.length === 0;
  if (call.meeting?.locked) $('meeting-title').dataset.locked = t.locked;
  else delete $('meeting-title').dataset.locked;
}

function setToggle(el, on, onLabel, offLabel, disabled) {
  el.textContent = on ? onLabel : offLabel;
  el.setAttribute('aria-pressed', String(on));
  el.classList.toggle('on', on);
  el.disabled = disabled;
}

function initials(name) {
  const parts = name.trim().split(/\s+/);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : [...name.trim()].slice(0, 2).join('');
  return letters.toUpperCase();
}

/** Picks the column count that makes 16:9 tiles largest in the space available. */
function layout() {
  const grid = $('grid');
  const count = grid.children.length;
  if (count === 0) return;
  const gap = 12;
  const { width, height } = grid.getBoundingClientRect();
  let best = { cols: 1, tileWidth: 0 };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const byWidth = (width - gap * (cols - 1)) / cols;
    const byHeight = ((height - gap * (rows - 1)) / rows) * (16 / 9);
    const tileWidth = Math.min(byWidth, byHeight);
    if (tileWidth > best.tileWidth) best = { cols, tileWidth };
  }
  grid.style.setProperty('--tile-width', `${Math.max(160, Math.floor(best.tileWidth))}px`);
}

// ---------------------------------------------------------------------------------------------
// Quality reports: a summary of getStats() every statsIntervalMs, as rates since the last one.

function startStats(intervalMs) {
  clearInterval(call.statsTimer);
  call.previousTotals = null;
  call.statsTimer = setInterval(() => void reportStats(), intervalMs);
}

async function reportStats() {
  const pc = call.pc;
  if (!pc || !call.flags.joined) return;
  const report = await pc.getStats();
  // Torn down (left, removed, ended) while the stats were being read: nothing to report.
  if (call.pc !== pc || !call.flags.joined) return;
  const totals = { at: performance.now(), bytesIn: 0, bytesOut: 0, received: 0, lost: 0, jitter: [], framesDecoded: 0, framesDropped: 0, rtt: undefined };
  for (const s of report.values()) {
    if (s.type === 'inbound-rtp') {
      totals.bytesIn += s.bytesReceived ?? 0;
      totals.received += s.packetsReceived ?? 0;
      totals.lost += Math.max(0, s.packetsLost ?? 0);
      if (typeof s.jitter === 'number') totals.jitter.push(s.jitter * 1000);
      if (s.kind === 'video') {
        totals.framesDecoded += s.framesDecoded ?? 0;
        totals.framesDropped += s.framesDropped ?? 0;
      }
    } else if (s.type === 'outbound-rtp') {
      totals.bytesOut += s.bytesSent ?? 0;
    }
  }
  const pair = selectedPair(report);
  if (typeof pair?.currentRoundTripTime === 'number') totals.rtt = pair.currentRoundTripTime * 1000;
  const before = call.previousTotals;
  call.previousTotals = totals;
  if (!before) return;
  const seconds = (totals.at - before.at) / 1000;
  const packets = totals.received - before.received + (totals.lost - before.lost);
  const stats = {
    bitrateInKbps: round(Math.max(0, totals.bytesIn - before.bytesIn) * 8 / 1000 / seconds),
    bitrateOutKbps: round(Math.max(0, totals.bytesOut - before.bytesOut) * 8 / 1000 / seconds),
    framesDecoded: totals.framesDecoded,
    framesDropped: totals.framesDropped,
  };
  if (packets > 0) stats.lossPercent = round(Math.min(100, Math.max(0, ((totals.lost - before.lost) / packets) * 100)));
  if (totals.jitter.length > 0) stats.jitterMs = round(totals.jitter.reduce((a, b) => a + b, 0) / totals.jitter.length);
  if (totals.rtt !== undefined) stats.rttMs = round(totals.rtt);
  await request('meeting.stats', { meetingId: call.meetingId, participantId: call.me.id, stats });
}

function round(n) {
  return Math.round(n * 10) / 10;
}

// ---------------------------------------------------------------------------------------------
// What tests (and curious developers) can reach: window.enclaveCall.

/** Inbound RTP per remote participant and source: { [participantId]: { video: {...}, audio: {...}, screen: {...} } }. */
async function remoteStats() {
  const out = {};
  for (const transceiver of call.pc?.getTransceivers() ?? []) {
    const sub = call.subscriptions.get(transceiver.mid);
    if (!sub) continue;
    for (const s of (await transceiver.receiver.getStats()).values()) {
      if (s.type !== 'inbound-rtp') continue;
      out[sub.participantId] ??= {};
      out[sub.participantId][sub.source] = {
        kind: s.kind,
        bytesReceived: s.bytesReceived ?? 0,
        packetsReceived: s.packetsReceived ?? 0,
        framesDecoded: s.framesDecoded ?? 0,
        frameWidth: s.frameWidth ?? 0,
        frameHeight: s.frameHeight ?? 0,
      };
    }
  }
  return out;
}

/** The candidate pair in use in a stats report: the transport's selected pair, else a nominated one that works. */
function selectedPair(report) {
  const stats = [...report.values()];
  const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
  return transport ? report.get(transport.selectedCandidatePairId) : stats.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded');
}

/** The ICE candidate pair in use: its local and remote candidate types ('host', 'relay', ...). */
async function selectedCandidatePair() {
  const report = await call.pc?.getStats();
  if (!report) return null;
  const pair = selectedPair(report);
  if (!pair) return null;
  const local = report.get(pair.localCandidateId);
  const remote = report.get(pair.remoteCandidateId);
  return { state: pair.state, localType: local?.candidateType, localProtocol: local?.protocol, relayProtocol: local?.relayProtocol, remoteType: remote?.candidateType, remoteAddress: remote?.address };
}

window.enclaveCall = {
  get pc() {
    return call.pc;
  },
  get participantId() {
    return call.me?.id ?? null;
  },
  get participants() {
    return [...call.participants.values()];
  },
  /** Ids of the participants shown as speaking now. */
  get speaking() {
    return [...call.participants.values()].filter(isSpeaking).map((p) => p.id);
  },
  get events() {
    return call.events;
  },
  get joined() {
    return call.flags.joined;
  },
  get inLobby() {
    return call.flags.inLobby;
  },
  get removed() {
    return call.flags.removed;
  },
  get ended() {
    return call.flags.ended;
  },
  get lastError() {
    return call.lastError;
  },
  get trace() {
    return call.trace;
  },
  stats: remoteStats,
  selectedCandidatePair,
  shareScreen,
  stopScreen,
  moderate,
  leave,
  /** Join (again); resolves with null or the refusal `{ code, message }`. */
  join,
  /** Sends any client event and resolves with its ack. */
  request,
};

// ---------------------------------------------------------------------------------------------
// Start

function start(token) {
  call.wantJoin = true;
  if (call.socket) call.socket.close();
  connect(token);
}

function applyStaticStrings() {
  document.documentElement.lang = t.lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t[el.dataset.i18n] ?? '';
  $('btn-leave').textContent = t.leave;
  $('btn-end').textContent = t.endForAll;
}

function wireControls() {
  $('signin-form').addEventListener('submit', (e) => void signIn(e));
  $('btn-mic').addEventListener('click', () => void toggleTrack('audio'));
  $('btn-cam').addEventListener('click', () => void toggleTrack('video'));
  $('btn-screen').addEventListener('click', () => void (call.screenTrack ? stopScreen() : shareScreen()));
  $('btn-hand').addEventListener('click', () => void setOwnState({ handRaised: !call.me?.handRaised }).then(render));
  $('btn-lock').addEventListener('click', () => void moderate(call.meeting?.locked ? 'unlock' : 'lock'));
  $('btn-end').addEventListener('click', () => void moderate('end'));
  $('btn-leave').addEventListener('click', leave);
  new ResizeObserver(layout).observe($('grid'));
  window.addEventListener('pagehide', () => {
    if (call.flags.joined) call.socket?.emit('meeting.leave', { meetingId: call.meetingId, participantId: call.me.id }, () => undefined);
  });
}

applyStaticStrings();
wireControls();
if (!/^[0-9a-f-]{36}$/i.test(call.meetingId ?? '')) {
  message(t.cannotJoin, errorText('MEETING_NOT_FOUND'));
} else {
  const token = takeTokenFromFragment();
  if (token) start(token);
  else showSignIn();
}
