import type { OutgoingMail } from './mail.service.js';

export interface InvitationMailInput {
  readonly to: string;
  readonly displayName: string | null;
  readonly link: string;
  readonly expiresAt: Date;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The invitation mail, in English and Simplified Chinese (the client picks the language later). */
export function invitationMail(input: InvitationMailInput): OutgoingMail {
  const greeting = input.displayName ? `Hello ${input.displayName},` : 'Hello,';
  const until = input.expiresAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const text = [
    greeting,
    '',
    'You have been invited to Enclave. Open this link to choose your username and password:',
    '',
    input.link,
    '',
    `The link works once and until ${until}.`,
    '',
    '—',
    '',
    `${input.displayName ? `${input.displayName}，您好：` : '您好：'}`,
    '',
    '您已受邀加入 Enclave。请打开以下链接设置用户名和密码：',
    '',
    input.link,
    '',
    `该链接仅可使用一次，有效期至 ${until}。`,
    '',
  ].join('\r\n');
  const link = escapeHtml(input.link);
  const html =
    `<p>${escapeHtml(greeting)}</p><p>You have been invited to Enclave. <a href="${link}">Accept the invitation</a> to choose your username and password.</p>` +
    `<p>The link works once and until ${escapeHtml(until)}.</p><hr>` +
    `<p>您已受邀加入 Enclave。<a href="${link}">接受邀请</a>并设置用户名和密码。该链接仅可使用一次，有效期至 ${escapeHtml(until)}。</p>`;
  return { to: input.to, subject: 'Your invitation to Enclave / 邀请您加入 Enclave', text, html };
}
