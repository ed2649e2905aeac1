import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../contracts/auth.ts';
import type { Access } from '../src/platform/http/api.ts';
import type { TestEnv } from './harness.ts';

/**
 * What a module hands the authorization matrix (server/src/platform/access/matrix.test.ts)
 * through its manifest's `matrix()`: for each of its routes, the action it must be registered
 * under and a valid request against a target org; and probes, requests the route × role grid
 * never makes. The platform test imports no module internals: it reads these from
 * `allModules(config)`.
 */

/** The demo district's places the matrix acts in. */
export type MatrixPlaces = {
  /** 青山区委, the district root: dept_admin is granted here; an ancestor of every place below. */
  root: number;
  /** 清河镇党委: org_admin is granted here; "inside" for the roles below the district. */
  town1: number;
  /** 石桥镇党委: "outside" for every role granted in town 1. */
  town2: number;
  /** A village branch in town 1: secretary, member and station_manager are granted here. */
  branch1: number;
  /** A village branch in town 2. */
  branch2: number;
};
export type Place = keyof MatrixPlaces;

export type MatrixRequest = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
};
export type MatrixResponse = LightMyRequestResponse;

export type ProbeContext = {
  env: TestEnv;
  /** The calling user (userId 0 for an anonymous request). */
  self: { userId: number };
  places: MatrixPlaces;
};
export type MakeContext = ProbeContext & {
  /** The org the request acts on or under: the role's own org, town 2 or the district root. */
  target: number;
};

export type RouteCase = {
  /**
   * The action the route must be registered under, stated here rather than read from the route:
   * the test checks `config.access` equals it and computes who is allowed from this, so a route
   * registered under a weaker action fails.
   */
  action: Access;
  /** The route lists or acts on the caller's own things and takes no target: "outside" does not apply. */
  untargeted?: boolean;
  /**
   * The audit action a refusal of this route leaves when the issue asks for refusals to be audited
   * (a kiosk command to a terminal outside the admin's scope): a refused request may then write
   * one audit row of this action and nothing else. A caller stopped at the route's gate (no such
   * role anywhere) still writes nothing.
   */
  refusalAudit?: string;
  /** A valid request against an org (or a record in an org) under `target`. */
  make: (c: MakeContext) => Promise<MatrixRequest>;
  /**
   * Waits for work an allowed request handed off (a queued job) to finish, so the next
   * refusal's "nothing written" check sees only its own writes.
   */
  settle?: (c: MakeContext, res: MatrixResponse) => Promise<void>;
};

export type MatrixProbe = {
  /** What the caller tries, in words: the test's name. */
  title: string;
  /** The caller's roles and where they hold them; their account's home is the first one's org. */
  as: readonly { role: Role; on: Place }[];
  make: (c: ProbeContext) => Promise<MatrixRequest>;
  /**
   * `refused`: answered with this status, and nothing may have been written (no table but
   * `sessions` changed, no audit row; with `audited`, exactly one audit row of that action).
   * `status`: answered with this status; `check` says what
   * must (not) have happened.
   */
  expect: { refused: number; audited?: string } | { status: number };
  /** Further checks after the answer (e.g. that a session the caller tried to end still works). */
  check?: (c: ProbeContext, res: MatrixResponse) => Promise<void>;
};

export type MatrixCases = {
  /** Keyed `METHOD /api/v1/path` exactly as registered. */
  routes: Record<string, RouteCase>;
  /** Keyed by the route they exercise: mixed inside/outside references, ancestors, roles held in two places. */
  probes?: Record<string, MatrixProbe[]>;
};

/** One module's cases from its sub-capabilities' (members: record/, transfers/, dues/ …). */
export function joinMatrix(...parts: MatrixCases[]): MatrixCases {
  const joined: Required<MatrixCases> = { routes: {}, probes: {} };
  for (const part of parts) {
    for (const [key, c] of Object.entries(part.routes)) {
      if (joined.routes[key]) throw new Error(`matrix case for ${key} given twice`);
      joined.routes[key] = c;
    }
    for (const [key, list] of Object.entries(part.probes ?? {}))
      joined.probes[key] = [...(joined.probes[key] ?? []), ...list];
  }
  return joined;
}
