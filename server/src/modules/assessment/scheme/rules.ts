import {
  ACTIVITY_WARNING,
  type IndicatorInfo,
  type Scheme,
  type SchemeItem,
} from '../../../../../contracts/assessment/scheme.ts';
import { AppError, type Text } from '../../../platform/http/errors.ts';

/**
 * The department's scheme (考核方案), as pure rules. Policy behind the defaults:
 * - 中共中央办公厅《整治形式主义为基层减负若干规定》(2024): assess by what was done, not by
 *   traces left in apps; and the 2026 rules for government apps (政务应用程序): study duration,
 *   logins, likes, votes and forwards are not a basis of assessment. So the default scheme scores
 *   only 'outcome' indicators, and an 'activity' one a department scores anyway is flagged.
 * - Weights add up to 100; a 党支部 meeting every target scores 100 before extra points.
 */

/** The scheme worked out from the modules' own targets: each outcome indicator with a target, equal weights. */
export function defaultScheme(indicators: readonly IndicatorInfo[]): Scheme {
  const scored = indicators.filter((i) => i.basis === 'outcome' && i.target != null);
  const share = scored.length ? Math.floor((100 / scored.length) * 100) / 100 : 0;
  const items: SchemeItem[] = scored.map((i, n) => ({
    key: i.key,
    // the last takes what rounding left, so the weights add up to exactly 100
    weight: n === scored.length - 1 ? round2(100 - share * (scored.length - 1)) : share,
    target: i.target ?? 0,
    bonusPer: 0,
    bonusMax: 0,
  }));
  return { items, shown: indicators.filter((i) => !scored.includes(i)).map((i) => i.key) };
}

type Issue = { path: string; message: string; messageEn: string };

/**
 * A scheme the department submits, against the indicators the platform has now: every problem at
 * once, each naming its field (400), or nothing. `offModules` are the modules switched off in this
 * deployment, so that a key of theirs is refused with that reason rather than "unknown".
 */
export function checkScheme(
  scheme: Scheme,
  indicators: readonly IndicatorInfo[],
  offModules: readonly string[] = [],
): void {
  const byKey = new Map(indicators.map((i) => [i.key, i]));
  const issues: Issue[] = [];
  const unknown = (path: string, key: string) => {
    const module = key.split('.')[0];
    issues.push(
      offModules.includes(module)
        ? {
            path,
            message: `指标 ${key} 所属模块（${module}）未启用，不能选用`,
            messageEn: `indicator ${key} belongs to module ${module}, which is switched off`,
          }
        : { path, message: `没有指标 ${key}`, messageEn: `no indicator ${key}` },
    );
  };
  if (!scheme.items.length)
    issues.push({
      path: 'items',
      message: '考核方案至少包含一项计分指标',
      messageEn: 'score at least one indicator',
    });
  const seen = new Set<string>();
  scheme.items.forEach((item, n) => {
    const path = `items.${n}`;
    const def = byKey.get(item.key);
    if (!def) {
      unknown(`${path}.key`, item.key);
      return;
    }
    if (seen.has(item.key))
      issues.push({
        path: `${path}.key`,
        message: `指标 ${item.key} 重复`,
        messageEn: `indicator ${item.key} given twice`,
      });
    seen.add(item.key);
    if (def.measure === 'rate' && item.target > 1)
      issues.push({
        path: `${path}.target`,
        message: '比率指标的目标值应在 0 到 1 之间（如 0.4 表示 40%）',
        messageEn: 'a rate target lies between 0 and 1 (0.4 is 40%)',
      });
    if ((item.bonusPer > 0 || item.bonusMax > 0) && (def.measure !== 'count' || def.better === 'lower'))
      issues.push({
        path: `${path}.bonusPer`,
        message: '只有"越多越好"的计数指标可以设超额加分',
        messageEn: 'extra points apply only to counts where more is better',
      });
    if (item.bonusPer > 0 && item.bonusMax === 0)
      issues.push({
        path: `${path}.bonusMax`,
        message: '设了超额加分，须同时设加分上限',
        messageEn: 'extra points need a cap',
      });
  });
  const total = round2(scheme.items.reduce((s, i) => s + i.weight, 0));
  if (scheme.items.length && total !== 100)
    issues.push({
      path: 'items',
      message: `各项权重之和须为 100，现为 ${total}`,
      messageEn: `the weights must add up to 100, not ${total}`,
    });
  scheme.shown.forEach((key, n) => {
    if (!byKey.has(key)) unknown(`shown.${n}`, key);
  });
  if (issues.length) {
    const text: Text = {
      zh: `考核方案有误：${issues.map((i) => `${i.path}：${i.message}`).join('；')}`,
      en: `The scheme is not valid: ${issues.map((i) => `${i.path}: ${i.messageEn}`).join('; ')}`,
    };
    throw new AppError(400, 'invalid_input', text, issues);
  }
}

/** Scored items the rules say should not be scored (activity-based: logins, study time…), with why. */
export function schemeWarnings(scheme: Scheme, indicators: readonly IndicatorInfo[], lang: 'zh' | 'en') {
  const byKey = new Map(indicators.map((i) => [i.key, i]));
  return scheme.items
    .filter((i) => byKey.get(i.key)?.basis === 'activity')
    .map((i) => ({ key: i.key, message: ACTIVITY_WARNING[lang] }));
}

/**
 * How far a 党支部 reached an item's target, 0–1; null when the item does not apply to it this
 * month (a rate with nothing to divide by: no messages received, no station).
 * - a count, more is better: num / target, at most 1 (a target of 0 is always met);
 * - a count or rate, less is better: 1 at or under the target, target / num above it (0 when the
 *   target is 0);
 * - a rate: (num / den) / target, at most 1.
 */
type Shape = { measure: IndicatorInfo['measure']; better?: IndicatorInfo['better'] };

export function attainment(def: Shape, target: number, num: number, den: number | null): number | null {
  let value = num;
  if (def.measure === 'rate') {
    if (!den) return null;
    value = num / den;
  }
  if (def.better === 'lower') return value <= target ? 1 : target > 0 ? target / value : 0;
  if (target <= 0) return 1;
  return Math.min(1, value / target);
}

/** Extra points for a count beyond its target: bonusPer for each whole one more, at most bonusMax. */
export function bonus(item: SchemeItem, num: number): number {
  if (!item.bonusPer || num <= item.target) return 0;
  return Math.min(item.bonusMax, Math.floor(num - item.target) * item.bonusPer);
}

export type UnitFigures = ReadonlyMap<string, { num: number; den: number | null }>;

/**
 * A 党支部's score for the month: each applicable item earns weight × attainment, scaled so the
 * applicable weights count as 100 (an item that does not apply neither helps nor hurts), plus its
 * extra points; then the department's adjustments. Points per item are kept for the drill-down.
 */
export function scoreUnit(
  scheme: Scheme,
  defs: ReadonlyMap<string, Shape>,
  figures: UnitFigures,
  adjustments = 0,
): { score: number; points: Map<string, number | null>; met: Set<string> } {
  const reached = new Map<string, number | null>();
  let applicable = 0;
  for (const item of scheme.items) {
    const def = defs.get(item.key);
    const f = figures.get(item.key) ?? { num: 0, den: null };
    const a = def ? attainment(def, item.target, f.num, f.den) : null;
    reached.set(item.key, a);
    if (a != null) applicable += item.weight;
  }
  const scale = applicable > 0 ? 100 / applicable : 0;
  const points = new Map<string, number | null>();
  const met = new Set<string>();
  let score = 0;
  for (const item of scheme.items) {
    const a = reached.get(item.key);
    if (a == null) {
      points.set(item.key, null);
      continue;
    }
    if (a >= 1) met.add(item.key);
    const p = item.weight * a * scale + bonus(item, figures.get(item.key)?.num ?? 0);
    points.set(item.key, round2(p));
    score += p;
  }
  return { score: round2(score + adjustments), points, met };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
