import { z } from 'zod';

/**
 * A sub-platform (an OpenID Connect client of Hongyun) as a tile on the actor's workbench: shown
 * only to users holding one of the roles the department allowed for it. `launchUrl` is the
 * sub-platform's own start page, which sends the user to Hongyun's /oidc to sign in.
 */
export const SsoTile = z.object({
  clientId: z.string(),
  name: z.string(),
  /** A small image (data: URL or a path below /api/v1), or null for the default icon. */
  iconUrl: z.string().nullable(),
  launchUrl: z.string(),
});
export type SsoTile = z.infer<typeof SsoTile>;

/** GET /api/v1/sso/tiles */
export const SsoTiles = z.object({ items: z.array(SsoTile) });
export type SsoTiles = z.infer<typeof SsoTiles>;
