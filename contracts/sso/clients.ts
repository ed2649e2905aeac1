import { z } from 'zod';
import { Role } from '../auth.ts';
import { Id } from '../common.ts';

/**
 * 子平台接入: the sub-platforms (OpenID Connect clients of Hongyun) the department registers. The
 * client id and secret are made by the server; the secret is shown once, when made or reset.
 */

/** An absolute http(s) address without a fragment (OpenID Connect forbids one in a redirect URI). */
const Url = (title: string) =>
  z
    .string()
    .trim()
    .max(500)
    .refine(
      (s) => {
        try {
          const u = new URL(s);
          return (u.protocol === 'https:' || u.protocol === 'http:') && !u.hash && !s.includes('#');
        } catch {
          return false;
        }
      },
      { message: '须为完整的 http(s) 地址，不含 # 片段' },
    )
    .meta({ title });

/** A small image: a data: URL (PNG, JPEG, SVG) of at most ~48 KB, or an http(s) address. */
const Icon = z
  .string()
  .max(65_536)
  .refine(
    (s) => /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(s) || /^https?:\/\//.test(s),
    {
      message: '图标须为图片（PNG、JPEG、SVG）或 http(s) 地址',
    },
  )
  .meta({ title: '图标' });

export const SaveSsoClient = z.strictObject({
  name: z.string().trim().min(1).max(60).meta({ title: '子平台名称' }),
  redirectUris: z.array(Url('回调地址')).min(1).max(10).meta({ title: '回调地址' }),
  postLogoutRedirectUris: z
    .array(Url('退出后返回地址'))
    .max(10)
    .default([])
    .meta({ title: '退出后返回地址' }),
  allowedRoles: z.array(Role).min(1).max(5).meta({ title: '可使用的角色' }),
  iconUrl: Icon.nullable().default(null),
  launchUrl: Url('入口地址'),
  firstParty: z.boolean().default(false).meta({ title: '本系统自有平台' }),
  enabled: z.boolean().default(true).meta({ title: '启用' }),
});
export type SaveSsoClient = z.input<typeof SaveSsoClient>;

export const SsoClient = z.object({
  id: Id,
  clientId: z.string(),
  name: z.string(),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  allowedRoles: z.array(Role),
  iconUrl: z.string().nullable(),
  launchUrl: z.string(),
  firstParty: z.boolean(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SsoClient = z.infer<typeof SsoClient>;

export const SsoClientList = z.object({
  items: z.array(SsoClient),
  /** The issuer the sub-platforms discover Hongyun at (`<issuer>/.well-known/openid-configuration`). */
  issuer: z.string(),
});
export type SsoClientList = z.infer<typeof SsoClientList>;

/** The answer to a registration or a secret reset: the only time the secret leaves the server. */
export const SsoClientWithSecret = z.object({ client: SsoClient, clientSecret: z.string() });
export type SsoClientWithSecret = z.infer<typeof SsoClientWithSecret>;
