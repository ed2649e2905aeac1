import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import type { Lang } from './errors.ts';

// zod speaks Chinese by default; English messages are made on demand per request.
z.config(z.locales.zhCN());
const en = z.locales.en();

/** Field names as the UI labels them, so a message names the field in the user's words. */
const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  shortName: '简称',
  code: '党组织代码',
  kind: '组织类别',
  place: '所在地',
  sector: '所属领域',
  sortOrder: '排序',
  parentId: '上级党组织',
  position: '位置',
  childIds: '下级党组织顺序',
  username: '用户名',
  displayName: '姓名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  phone: '手机号',
  orgId: '所在党组织',
  role: '角色',
  grants: '角色授权',
  disabled: '停用',
  page: '页码',
  pageSize: '每页条数',
  q: '搜索词',
  id: '编号',
  from: '开始时间',
  to: '结束时间',
};

export type ValidationIssue = { path: string; message: string; messageEn: string; label?: string };

type AnySchema = { _zod?: { def: Record<string, unknown> }; meta?: () => { title?: string } | undefined };
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** One level in: the wrapped type of optional/nullable/default…, the input side of a pipe. */
function inner(s: AnySchema): AnySchema | undefined {
  const def = s._zod?.def;
  if (!def) return undefined;
  if (WRAPPERS.has(def.type as string)) return def.innerType as AnySchema;
  if (def.type === 'pipe') return def.in as AnySchema;
  return undefined;
}

/** The label a contract gives the field at `path` (zod meta `title`), looking through wrappers. */
export function labelAt(schema: unknown, path: PropertyKey[]): string | undefined {
  let cur = schema as AnySchema | undefined;
  for (const key of path) {
    while (cur && !['object', 'array'].includes(cur._zod?.def.type as string)) cur = inner(cur);
    const def = cur?._zod?.def;
    if (!def) return undefined;
    cur = (
      def.type === 'array' ? def.element : (def.shape as Record<PropertyKey, AnySchema> | undefined)?.[key]
    ) as AnySchema | undefined;
  }
  for (let s = cur; s; s = inner(s)) {
    const title = s.meta?.()?.title;
    if (title) return title;
  }
  return undefined;
}

export class InputError extends Error {
  readonly issues: ValidationIssue[];
  readonly part: string;
  constructor(part: string, issues: ValidationIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.messageEn}`).join('; '));
    this.part = part;
    this.issues = issues;
  }
  describe(lang: Lang): string {
    return this.issues
      .map((i) => {
        if (lang === 'en') return i.path ? `${i.path}: ${i.messageEn}` : i.messageEn;
        const label = i.label ?? FIELD_LABELS[i.path.split('.').at(-1) ?? ''] ?? i.path;
        return i.path ? `${label}（${i.path}）：${i.message}` : i.message;
      })
      .join('；');
  }
}

const NUL = { zh: '不能包含空字符（U+0000）', en: 'must not contain the NUL character (U+0000)' };

/**
 * Where the input holds U+0000, in a string or an object key. PostgreSQL refuses the byte in text,
 * so one slipping through a contract became a 500 (issue 11, item 9); it has no use in any field,
 * so it is refused here, once, for every route. Iterative, so a deeply nested body cannot exhaust
 * the stack.
 */
function nulPaths(data: unknown): PropertyKey[][] {
  // each node points at its parent, so a path is built only for what is found: a body nested a
  // hundred thousand deep costs one pass, not a copy of its path per node
  type Node = { value: unknown; key: PropertyKey; parent: Node | null };
  const pathOf = (n: Node | null): PropertyKey[] => {
    const keys: PropertyKey[] = [];
    for (let at = n; at?.parent; at = at.parent) keys.push(at.key);
    return keys.reverse();
  };
  const found: PropertyKey[][] = [];
  const stack: Node[] = [{ value: data, key: '', parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) found.push(pathOf(node));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: node });
    } else if (value !== null && typeof value === 'object') {
      // bytes are not text; query strings come as objects of a null-prototype class, so walk those
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) continue;
      for (const [k, v] of Object.entries(value).reverse()) {
        if (k.includes('\u0000')) found.push([...pathOf(node), k]);
        else stack.push({ value: v, key: k, parent: node });
      }
    }
  }
  return found;
}

export function parseInput<T>(schema: z.ZodType<T>, data: unknown, part = 'body'): T {
  const nul = nulPaths(data);
  if (nul.length) {
    throw new InputError(
      part,
      nul.map((p) => ({
        path: p.map(String).join('.'),
        message: NUL.zh,
        messageEn: NUL.en,
        label: labelAt(schema, p),
      })),
    );
  }
  const zh = schema.safeParse(data);
  if (zh.success) return zh.data;
  const english = schema.safeParse(data, { error: en.localeError });
  const enMessages = english.success ? [] : english.error.issues.map((i) => i.message);
  throw new InputError(
    part,
    zh.error.issues.map((issue, n) => {
      let path = issue.path.join('.');
      // unknown fields: name the field itself, not its parent object
      if (issue.code === 'unrecognized_keys') path = [...issue.path, ...issue.keys].join('.');
      return {
        path,
        message: issue.message,
        messageEn: enMessages[n] ?? issue.message,
        label: labelAt(schema, issue.path),
      };
    }),
  );
}

/** Fastify validator: every route's params, query and body go through the contract's zod schema. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    try {
      return { value: parseInput(schema, data, httpPart ?? 'body') };
    } catch (err) {
      return { error: err as Error };
    }
  };
