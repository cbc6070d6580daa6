import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, Clock, type AppConfig } from '@enclave/core';
import { JobName, type InvitationMailPayload } from '@enclave/contracts';
import { JobRegistry } from '@enclave/jobs';
import { IdentityKeys } from '../crypto/identity-keys.service.js';
import { invitationMail } from '../mail/invitation-mail.js';
import { MailService } from '../mail/mail.service.js';
import { invitationToken } from './invitation-token.js';
import { InvitationsRepository } from './invitations.repository.js';

/**
 * Sends invitation mails (JobName.InvitationMail). The link is derived here from the server
 * key, so it never sits in Redis. Invitations that were revoked, accepted or expired in the
 * meantime are skipped; SMTP failures are recorded on the row and retried with backoff.
 */
@Injectable()
export class InvitationMailProcessor implements OnModuleInit {
  private readonly logger = new Logger('InvitationMail');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(JobRegistry) private readonly registry: JobRegistry,
    @Inject(IdentityKeys) private readonly keys: IdentityKeys,
    @Inject(InvitationsRepository) private readonly invitations: InvitationsRepository,
    @Inject(MailService) private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.InvitationMail, (payload) => this.process(payload));
  }

  async process({ invitationId }: InvitationMailPayload): Promise<void> {
    const invitation = await this.invitations.findById(invitationId);
    if (!invitation || invitation.status !== 'pending' || invitation.expiresAt.getTime() <= this.clock.nowMs()) return;
    // The fragment is not sent to servers (and so not logged by proxies): the web client reads it.
    const link = `${this.config.http.publicUrl}/invite#token=${invitationToken(this.keys.invitationKey(), invitation.id, invitation.expiresAt)}`;
    try {
      await this.mail.send(invitationMail({ to: invitation.email, displayName: invitation.displayName, link, expiresAt: invitation.expiresAt }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.invitations.markMailFailed(invitation.id, message);
      this.logger.warn({ invitationId, err: message }, 'invitation mail not sent; will retry');
      throw error;
    }
    await this.invitations.markMailed(invitation.id, this.clock.now());
  }
}
