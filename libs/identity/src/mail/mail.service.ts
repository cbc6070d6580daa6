import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@enclave/core';

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

/** Thrown when SMTP_URL is unset: the caller decides whether that is an error (it is for invitations). */
export class MailNotConfiguredError extends Error {
  constructor() {
    super('SMTP_URL is not set');
  }
}

/**
 * Sends mail through the SMTP server in SMTP_URL (nodemailer; smtp:// upgrades with STARTTLS
 * when offered, smtps:// is TLS from the start). One pooled transport per process. Mail
 * bodies may hold links with secrets: they are never logged here.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private transport: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.mail.smtpUrl !== undefined;
  }

  async send(mail: OutgoingMail): Promise<void> {
    const url = this.config.mail.smtpUrl;
    if (!url) throw new MailNotConfiguredError();
    this.transport ??= nodemailer.createTransport(url, { from: this.config.mail.from });
    await this.transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = undefined;
  }
}
