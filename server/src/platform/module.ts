import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/client.ts';
import type { MatrixCases } from '../../test/matrix.ts';
import type { Policy } from './access/index.ts';
import type { FileUse } from './files/orphans.ts';
import type { Pii } from './pii/index.ts';
import type { SettingDef } from './settings/index.ts';
import type { NoticeKindDef } from './notify/kinds.ts';
import type { Ctx } from './context.ts';
import type { Text } from './http/errors.ts';

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

/** One item the public portal (`/`, platform/portal) lists: public by construction, never personal. */
export type PortalItem = {
  title: string;
  /** A same-site link to the item's public page (e.g. /p/posts/12). */
  href: string;
  /** When it was published. */
  at: Date;
  /** Who published it (the org's name), never a person's. */
  source: string;
  excerpt?: string;
};

/**
 * A section of the public portal a module contributes: its latest public items and, when it can,
 * the items matching a search. Only what anyone may read without logging in.
 */
export type PortalSection = {
  key: string;
  title: { zh: string; en: string };
  items: (db: Queryable, limit: number) => Promise<PortalItem[]>;
  search?: (db: Queryable, q: string, limit: number) => Promise<PortalItem[]>;
};

/** A to-do's count, with the member's own progress where there is one (this year's study hours). */
export type TodoCount = number | { count: number; progress?: { value: number; max: number } };

/**
 * 待办: something waiting for the actor, contributed by a module (platform/workbench shows them on
 * the admin's 工作台 and the member's home). `count` reads the actor's own scope (listScope,
 * scopePaths) over the module's own tables: one cheap, index-backed count.
 */
export type TodoDef = {
  key: string;
  label: Text;
  audience: 'admin' | 'member';
  /** The action the actor must hold somewhere ('authenticated': every signed-in account). */
  action: string;
  /** Where the to-do is done in the web app (admin: below /, member: below /m). */
  path: string;
  /** The side-menu entry whose badge carries the count (admin; default: `path` without its query). */
  menu?: string;
  count: (ctx: Ctx) => Promise<TodoCount>;
};

/** 关键数据: a key figure of the actor's subtree on the workbench (members, orgs, this month's activities…). */
export type FigureDef = {
  key: string;
  label: Text;
  /** The action the actor must hold somewhere; the figure covers the subtrees where they hold it. */
  action: string;
  unit?: Text;
  path?: string;
  value: (ctx: Ctx) => Promise<number>;
};

/** A calendar month in Beijing time ('2026-11') and its instants [from, to) (platform/time shanghaiMonthRange). */
export type IndicatorMonth = { month: string; from: Date; to: Date };

/**
 * One org's figure of an indicator in a month, given to the org that owns the records (an
 * activity to its org, a member's record to the member's org, a station to its org). `num` is
 * what happened (activities held, members whose record is complete, messages answered in time);
 * `den` what was expected or possible, for a rate (members, messages received, kinds of meeting
 * due). An org with nothing to report is simply absent. The assessment adds num and den up the
 * tree, so a town's rate is the rate over all its members, not a mean of its villages' rates.
 */
export type IndicatorValue = { orgId: number; num: number; den?: number };

/**
 * A record behind an org's figure (the assessment's drill-down: score → indicator → records).
 * `counted: false` is something expected that did not happen or fell short (a kind of meeting
 * not held, a message answered late, a member whose record lacks a photo), so the drill-down can
 * show what an org missed.
 */
export type IndicatorRecord = {
  title: string;
  /** When it happened (ISO), or null for something that did not happen. */
  at: string | null;
  counted: boolean;
  /** Why it counts or not, in words (e.g. 逾期 3 天答复, 缺少照片). */
  note?: string;
  /** Where an admin opens it in the web app (below /). */
  href?: string;
};

/**
 * 考核指标: a measure of each org in a month that a module computes from its own records
 * (issue 18). The assessment module knows no other module's tables: it calls `compute` for a
 * month and `records` to explain one org's figure. Both read only; both are set-based (one or
 * a few statements for all orgs, index-backed by month), since a city month is 25,000 orgs.
 */
export type IndicatorDef = {
  /** '<module>.<name>', stable: a department's scheme refers to it. */
  key: string;
  label: Text;
  /** The unit of `num` (次, 人, 分钟); a rate is shown as a percentage of num/den. */
  unit: Text;
  /** 'count': num alone; 'rate': num out of den. */
  measure: 'count' | 'rate';
  /**
   * 'outcome': what was done (meetings held, messages answered, records complete, transfers
   * made), scored by the default scheme. 'activity': logins, clicks, study duration, likes: shown
   * as information only, since the 2024 rules against formalism and the 2026 rules for government
   * apps forbid scoring them; a scheme that scores one is flagged with that reason.
   */
  basis: 'outcome' | 'activity';
  /** Better when higher (default) or lower (arrears, overdue transfers). */
  better?: 'higher' | 'lower';
  /**
   * The default monthly target of a basic-level org (a 党支部): a count at least this, a rate
   * (0–1) at least this (at most, when better is 'lower'). Absent: shown, not scored by default.
   */
  target?: number;
  /** The figures of the month for every org with records, or only for `orgIds` (incremental rescoring). */
  compute: (db: Queryable, m: IndicatorMonth, orgIds?: readonly number[]) => Promise<IndicatorValue[]>;
  /** The records behind one org's figure of the month (that org's own, not its subtree's), at most `limit`. */
  records: (db: Queryable, orgId: number, m: IndicatorMonth, limit: number) => Promise<IndicatorRecord[]>;
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
  /** Its to-dos for the workbench (工作台) and the member home (platform/workbench). */
  todos?: TodoDef[];
  /** Key figures of the actor's subtree for the workbench. */
  figures?: FigureDef[];
  /**
   * The module's authorization-matrix cases: for each of its routes the action it must be
   * registered under and a valid request, plus probes the grid never makes. Read only by
   * platform/access/matrix.test.ts; a lazy import, so the server never loads test code.
   */
  matrix?: () => Promise<MatrixCases>;
  /** Sections of the public portal at `/` (platform/portal): news, announcements, 党务公开 items. */
  portal?: PortalSection[];
  /** Its 考核指标 for the assessment (issue 18), computed from its own records. */
  indicators?: IndicatorDef[];
};
