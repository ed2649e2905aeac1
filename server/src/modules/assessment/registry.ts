import type { IndicatorInfo } from '../../../../contracts/assessment/scheme.ts';
import type { Lang } from '../../platform/http/errors.ts';
import type { IndicatorDef, ModuleManifest } from '../../platform/module.ts';

export type Indicator = IndicatorDef & { module: string };

/**
 * The indicators the modules of this deployment contribute (`indicators` in their manifests).
 * The assessment imports no module: app composition hands it the manifests. A module switched
 * off (config `modulesOff`) is not among them, so its indicators cannot be chosen.
 */
export class Registry {
  readonly byKey = new Map<string, Indicator>();
  readonly off: readonly string[];
  constructor(modules: readonly ModuleManifest[], off: readonly string[] = []) {
    this.off = off;
    for (const m of modules)
      for (const def of m.indicators ?? []) {
        if (!def.key.startsWith(`${m.name}.`))
          throw new Error(`indicator ${def.key} of module ${m.name} must be named ${m.name}.<name>`);
        if (this.byKey.has(def.key)) throw new Error(`indicator ${def.key} declared twice`);
        this.byKey.set(def.key, { ...def, module: m.name });
      }
  }

  get all(): Indicator[] {
    return [...this.byKey.values()];
  }

  infos(lang: Lang): IndicatorInfo[] {
    return this.all.map((d) => info(d, lang));
  }
}

export function info(d: Indicator, lang: Lang): IndicatorInfo {
  return {
    key: d.key,
    module: d.module,
    label: d.label[lang],
    unit: d.unit[lang],
    measure: d.measure,
    basis: d.basis,
    better: d.better ?? 'higher',
    target: d.target ?? null,
  };
}
