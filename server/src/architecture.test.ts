import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules, checked on every import of the code base (our lint rule for boundaries):
 * - the platform never imports a module: modules depend on the platform, not the reverse;
 * - a module reaches another module only through that module's index.ts, its public face;
 * - contracts/ depend on nothing of ours but themselves; the web and the server never import
 *   each other (both import contracts/).
 * Tests may reach into their own module's internals, like any file of the module.
 */
const root = path.resolve(import.meta.dirname, '../..');
const serverSrc = path.join(root, 'server/src');
const modulesDir = path.join(serverSrc, 'modules');
const platformDir = path.join(serverSrc, 'platform');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every relative import of `file`, resolved to an absolute path. */
function importsOf(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec?.startsWith('.')) out.push(path.resolve(path.dirname(file), spec));
  }
  return out;
}

const rel = (p: string) => path.relative(root, p);
const moduleOf = (p: string) =>
  p.startsWith(modulesDir + path.sep) ? p.slice(modulesDir.length + 1).split(path.sep)[0] : null;

function violations(files: string[], rule: (from: string, to: string) => string | null): string[] {
  return files.flatMap((f) =>
    importsOf(f)
      .map((to) => rule(f, to))
      .filter((v): v is string => v !== null),
  );
}

describe('architecture: who may import whom', () => {
  const server = filesUnder(serverSrc);

  it('the platform imports no module (app.ts and modules/index.ts compose them)', () => {
    const platform = server.filter((f) => f.startsWith(platformDir + path.sep) && !f.endsWith('.test.ts'));
    expect(
      violations(platform, (from, to) =>
        moduleOf(to) ? `${rel(from)} imports ${rel(to)}: the platform must not depend on a module` : null,
      ),
    ).toEqual([]);
  });

  it("a module imports another module only through that module's index.ts", () => {
    expect(
      violations(server, (from, to) => {
        const a = moduleOf(from);
        const b = moduleOf(to);
        if (!b || a === b || a === null) return null;
        return to === path.join(modulesDir, b, 'index.ts')
          ? null
          : `${rel(from)} imports ${rel(to)}: use modules/${b}/index.ts`;
      }),
    ).toEqual([]);
  });

  it('contracts import only contracts; server and web never import each other', () => {
    const contracts = filesUnder(path.join(root, 'contracts'));
    const web = filesUnder(path.join(root, 'web/src'));
    const inside = (dir: string, p: string) => p.startsWith(path.join(root, dir) + path.sep);
    expect([
      ...violations(contracts, (from, to) =>
        inside('contracts', to) ? null : `${rel(from)} imports ${rel(to)}: contracts stand alone`,
      ),
      ...violations(web, (from, to) =>
        inside('server', to)
          ? `${rel(from)} imports ${rel(to)}: the web talks to the server over HTTP`
          : null,
      ),
      ...violations(server, (from, to) =>
        inside('web', to) ? `${rel(from)} imports ${rel(to)}: the server does not import the web` : null,
      ),
    ]).toEqual([]);
  });

  it('the rules see the imports they check (a module imports the platform)', () => {
    const members = path.join(modulesDir, 'members', 'record', 'create-member.ts');
    expect(importsOf(members).some((p) => p.startsWith(platformDir))).toBe(true);
  });
});
