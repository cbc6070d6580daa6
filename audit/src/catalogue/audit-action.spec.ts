import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AUDIT_ACTION_DESCRIPTIONS, AuditAction, auditCatalogueMarkdown, isAuditAction } from './audit-action.js';

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('audit action catalogue', () => {
  it('has stable dotted lower-case values the database accepts', () => {
    for (const action of Object.values(AuditAction)) {
      // Same pattern as the CHECK constraint on audit_event.action.
      expect(action).toMatch(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/);
      expect(action.length).toBeLessThanOrEqual(96);
    }
    expect(new Set(Object.values(AuditAction)).size).toBe(Object.values(AuditAction).length);
  });

  it('describes every action in one line', () => {
    for (const action of Object.values(AuditAction)) {
      const text = AUDIT_ACTION_DESCRIPTIONS[action];
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toContain('\n');
    }
  });

  it.each(['auth.login.succeeded', 'auth.login.failed', 'auth.login.locked_out', 'auth.login.throttled', 'auth.logout', 'auth.token.refreshed', 'auth.refresh_reuse_detected', 'session.revoked', 'mfa.enrolment.started', 'mfa.enabled', 'mfa.disabled', 'mfa.recovery_code.used', 'mfa.recovery_codes.regenerated', 'user.created', 'user.updated', 'user.password.changed', 'system.admin.bootstrapped', 'access.denied', 'audit.exported', 'audit.verified'])(
    'includes %s',
    (action) => {
      expect(isAuditAction(action)).toBe(true);
    },
  );

  it('is documented in audit/README.md (regenerate with `npm run audit -- catalogue`)', () => {
    expect(readme).toContain(auditCatalogueMarkdown());
  });
});
