import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/client.ts';
import type { MatrixCases } from '../../test/matrix.ts';
import type { Policy } from './access/index.ts';
import type { FileUse } from './files/orphans.ts';
import type { Pii } from './pii/index.ts';
import type { SettingDef } from './settings/index.ts';
import type { NoticeKindDef } from './notify/kinds.ts';

export type JobContext = {
  db: Db;
  config: Config;
  pii: Pii;
  now: () => Date;
  log: (msg: string, data?: object) => void;
};

/** A recurring job: pg-boss runs it on `cron` (Asia/Shanghai) on exactly one of the app processes. */
export type JobDef = { name: string; cron: string; run: (ctx: JobContext) => Promise<unknown> };

/** A queue worker: runs each job sent to `name` (long work a request handed off). */
export type WorkerDef = { name: string; run: (ctx: JobContext, data: object) => Promise<unknown> };

export type SeedContext = {
  db: Queryable;
  pii: Pii;
  scale: 'district' | 'city';
  /** Where the deployment keeps its files (platform/files): a seed that ships demo media stores it there. */
  dataDir: string;
  log: (msg: string) => void;
  /** What earlier seeds made that later ones build on (e.g. the demo towns' org ids). */
  demo: Record<string, number>;
};

/**
 * What a module (or a platform piece with routes) tells the platform about itself. app.ts
 * registers the list; the platform never reaches into a module's internals.
 */
export type ModuleManifest = {
  name: string;
  policies: Policy[];
  /** Registered under /api/v1; every route must declare `config.access`. */
  routes?: (app: FastifyInstance) => Promise<void>;
  jobs?: JobDef[];
  /** What the department may configure (platform/settings), with the regulation's defaults. */
  settings?: SettingDef<any>[];
  workers?: WorkerDef[];
  /** Where its records name the files it keeps: the nightly sweep (files/orphans.ts) removes the rest. */
  files?: FileUse[];
  /** The kinds of notice the module sends (platform/notify's sendNotice refuses any other). */
  notices?: NoticeKindDef[];
  /** Demo data; called in manifest order, so a module may rely on the ones before it. */
  seed?: (ctx: SeedContext) => Promise<void>;
  /**
   * The module's authorization-matrix cases: for each of its routes the action it must be
   * registered under and a valid request, plus probes the grid never makes. Read only by
   * platform/access/matrix.test.ts; a lazy import, so the server never loads test code.
   */
  matrix?: () => Promise<MatrixCases>;
};
