import type { Role } from '../../../../contracts/auth.ts';
import type { SaveSsoClient, SsoClient } from '../../../../contracts/sso/clients.ts';

// The registration form's values ↔ the API's body.

export type FormValues = {
  name: string;
  redirectUris: string;
  postLogoutRedirectUris: string;
  allowedRoles: Role[];
  launchUrl: string;
  iconUrl: string | null;
  firstParty: boolean;
  enabled: boolean;
};

export const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export const toBody = (v: FormValues): SaveSsoClient => ({
  name: v.name,
  redirectUris: lines(v.redirectUris),
  postLogoutRedirectUris: lines(v.postLogoutRedirectUris),
  allowedRoles: v.allowedRoles,
  launchUrl: v.launchUrl,
  iconUrl: v.iconUrl ?? null,
  firstParty: v.firstParty,
  enabled: v.enabled,
});

export const bodyOf = (c: SsoClient, change: Partial<SaveSsoClient> = {}): SaveSsoClient => ({
  name: c.name,
  redirectUris: c.redirectUris,
  postLogoutRedirectUris: c.postLogoutRedirectUris,
  allowedRoles: c.allowedRoles,
  launchUrl: c.launchUrl,
  iconUrl: c.iconUrl,
  firstParty: c.firstParty,
  enabled: c.enabled,
  ...change,
});
