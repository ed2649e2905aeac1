import type { SeedContext } from '../../platform/module.ts';
import { createClient } from './clients.ts';

/** The demo sub-platform's fixed credentials (scripts/demo-rp.ts uses them; README: 单点登录). */
export const DEMO_RP = {
  clientId: 'demo-points',
  clientSecret: 'demo-points-secret-2026',
  name: '党员积分管理（示例子平台）',
  port: 4100,
};

/** Registers the demo sub-platform (scripts/demo-rp.ts on port 4100), open to every role. */
export async function seedSso(ctx: SeedContext) {
  const base = `http://127.0.0.1:${DEMO_RP.port}`;
  await createClient(
    ctx.db,
    { actor: null, ip: null, userAgent: null, pii: ctx.pii },
    {
      name: DEMO_RP.name,
      redirectUris: [`${base}/callback`, `http://localhost:${DEMO_RP.port}/callback`],
      postLogoutRedirectUris: [`${base}/`, `http://localhost:${DEMO_RP.port}/`],
      allowedRoles: ['dept_admin', 'org_admin', 'secretary', 'station_manager', 'member'],
      iconUrl: null,
      launchUrl: `${base}/login`,
      firstParty: true,
      enabled: true,
    },
    { clientId: DEMO_RP.clientId, clientSecret: DEMO_RP.clientSecret },
  );
  ctx.log(`单点登录：示例子平台「${DEMO_RP.name}」（${DEMO_RP.clientId}，npm run demo:rp）`);
}
