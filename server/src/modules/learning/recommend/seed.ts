import type { SeedContext } from '../../../platform/module.ts';
import { refreshRecommendations } from './refresh.ts';

/** The lists the nightly job keeps, computed once from the seeded study (a member's home shows them at once). */
export async function seedRecommendations(ctx: SeedContext) {
  const t = performance.now();
  const { neighbours, popular } = await refreshRecommendations(ctx.db);
  ctx.log(
    `推荐：课件近邻 ${neighbours} 条，热门列表 ${popular} 条（${Math.round((performance.now() - t) / 100) / 10} 秒）`,
  );
}
