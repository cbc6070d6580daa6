/** What a login presented as its second factor, checked but not yet consumed. */
export type SecondFactor =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'totp'; readonly step: number }
  | { readonly kind: 'recovery_code'; readonly hash: Buffer };

export interface SecondFactorInput {
  readonly totp?: string | undefined;
  readonly recoveryCode?: string | undefined;
}
