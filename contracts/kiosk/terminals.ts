// 触摸屏终端 (issue 17, item 7): the department's kiosk terminals, their commands, and what a
// terminal itself sends (registration, heartbeat, command polling).
import { z } from 'zod';
import { Id, PageQuery, pageOf, text } from '../common.ts';

/** No heartbeat for longer than this: the console shows the terminal offline. */
export const TERMINAL_OFFLINE_AFTER_MS = 3 * 60_000;
/** A registration code is good for this long after it is issued. */
export const REGISTRATION_CODE_HOURS = 24;
/** The registration code: 8 digits, keyed in on the kiosk's number pad. */
export const REGISTRATION_CODE = /^\d{8}$/;

export const COMMAND_KINDS = ['reload', 'notice', 'home'] as const;
export const CommandKind = z.enum(COMMAND_KINDS);
export type CommandKind = z.infer<typeof CommandKind>;

export const COMMAND_STATES = ['pending', 'acked'] as const;
export type CommandState = (typeof COMMAND_STATES)[number];

export const TerminalListQuery = PageQuery.extend({
  orgId: Id.optional().meta({ title: '党组织' }),
});
export type TerminalListQuery = z.infer<typeof TerminalListQuery>;

export const CreateTerminal = z.strictObject({
  orgId: Id.meta({ title: '所属党组织' }),
  name: text(60).meta({ title: '终端名称' }),
  place: text(100).meta({ title: '放置地点' }),
  /** Seconds without a touch before the kiosk signs the villager out and goes home. */
  idleSeconds: z.number().int().min(30).max(600).default(60).meta({ title: '无操作退出秒数' }),
});
export type CreateTerminal = z.infer<typeof CreateTerminal>;
export type CreateTerminalInput = z.input<typeof CreateTerminal>;

export const Terminal = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  place: z.string(),
  idleSeconds: z.number().int(),
  /** waiting: a code was issued and not yet used; active: registered; revoked: refused from now on. */
  status: z.enum(['waiting', 'active', 'revoked']),
  online: z.boolean(),
  lastSeenAt: z.string().nullable(),
  /** What the kiosk showed at its last heartbeat (a hall and its screen). */
  screen: z.string().nullable(),
  registeredAt: z.string().nullable(),
  pendingCommands: z.number().int(),
});
export type Terminal = z.infer<typeof Terminal>;
export const TerminalPage = pageOf(Terminal);

/** A new terminal (or a new code for one) and its one-time registration code, shown once. */
export const TerminalCode = z.object({
  terminal: Terminal,
  code: z.string(),
  codeExpiresAt: z.string(),
});
export type TerminalCode = z.infer<typeof TerminalCode>;

export const SendCommand = z
  .strictObject({
    kind: CommandKind.meta({ title: '指令' }),
    text: z.string().trim().max(200).default('').meta({ title: '通知内容' }),
  })
  .refine((c) => c.kind !== 'notice' || c.text.length > 0, {
    path: ['text'],
    message: '显示通知时须填写通知内容',
  });
export type SendCommand = z.infer<typeof SendCommand>;
export type SendCommandInput = z.input<typeof SendCommand>;

export const Command = z.object({
  id: z.string(),
  kind: CommandKind,
  text: z.string(),
  state: z.enum(COMMAND_STATES),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  ackedAt: z.string().nullable(),
});
export type Command = z.infer<typeof Command>;
export const CommandList = z.object({ items: z.array(Command) });
export type CommandList = z.infer<typeof CommandList>;

// ---- what the terminal sends (authenticated with its token: `Authorization: Bearer <token>`)

export const RegisterTerminal = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(REGISTRATION_CODE, { message: '注册码为 8 位数字' })
    .meta({ title: '注册码' }),
});
export type RegisterTerminal = z.infer<typeof RegisterTerminal>;

/** What the kiosk needs to know about itself. */
export const TerminalSelf = z.object({
  id: z.string(),
  name: z.string(),
  place: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  idleSeconds: z.number().int(),
});
export type TerminalSelf = z.infer<typeof TerminalSelf>;

export const Registered = z.object({ token: z.string(), terminal: TerminalSelf });
export type Registered = z.infer<typeof Registered>;

export const Heartbeat = z.strictObject({
  screen: z.string().trim().max(200).default('home').meta({ title: '当前画面' }),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/** A command as the terminal receives it, until it acknowledges it. */
export const PendingCommand = z.object({ id: z.string(), kind: CommandKind, text: z.string() });
export type PendingCommand = z.infer<typeof PendingCommand>;
export const PendingCommands = z.object({ commands: z.array(PendingCommand) });
export type PendingCommands = z.infer<typeof PendingCommands>;
export const HeartbeatAnswer = z.object({
  commands: z.array(PendingCommand),
  idleSeconds: z.number().int(),
});
export type HeartbeatAnswer = z.infer<typeof HeartbeatAnswer>;
