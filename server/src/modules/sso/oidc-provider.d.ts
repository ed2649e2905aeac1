// oidc-provider ships no type declarations; the parts Hongyun uses, loosely typed.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type KoaContextWithOIDC = {
    req: IncomingMessage;
    res: ServerResponse;
    ip: string;
    body: unknown;
    type: string;
    status: number;
    host: string;
    get(header: string): string;
    cookies: { get(name: string, opts?: { signed?: boolean }): string | undefined };
    state: Record<string, unknown>;
    oidc: {
      route: string;
      params?: Record<string, unknown>;
      client?: { clientId: string; clientName?: string };
      session?: { accountId?: string };
      entities: Record<string, unknown>;
      urlFor(name: string): string;
    };
  };

  export class Check {
    constructor(reason: string, description: string, check: (ctx: KoaContextWithOIDC) => unknown);
    static REQUEST_PROMPT: boolean;
    static NO_NEED_TO_PROMPT: boolean;
  }
  export const interactionPolicy: {
    Check: typeof Check;
    base(): { get(name: string): { checks: { add(check: Check, index?: number): void } } } & unknown[];
  };
  export const errors: Record<string, new (...args: unknown[]) => Error>;

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    issuer: string;
    proxy: boolean;
    Grant: new (init: {
      accountId: string;
      clientId: string;
    }) => {
      addOIDCScope(scope: string): void;
      addOIDCClaims(claims: string[]): void;
      addResourceScope(resource: string, scope: string): void;
      save(): Promise<string>;
    };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (ctx: KoaContextWithOIDC, err: Error) => void): this;
    interactionDetails(
      req: IncomingMessage,
      res: ServerResponse,
    ): Promise<{
      uid: string;
      prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
      params: Record<string, unknown>;
      session?: { accountId?: string };
      grantId?: string;
      returnTo: string;
    }>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      opts?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      opts?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
  }
}
