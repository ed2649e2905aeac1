import { pathOnly } from './logging.ts';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** An answer slower than this is logged as a warning. */
export const SLOW_REQUEST_MS = 1000;

const path = (req: FastifyRequest) => pathOnly(req.url);

/**
 * The request log: one line per request, when it is answered (Fastify's default writes two, the
 * second with the whole request serialized again: with the synchronous writes they were a third
 * of the CPU of a small request; docs/SCALE.md, "Where the time goes"). Failed requests are
 * errors, slow ones warnings. URLs are logged without their query strings, which may carry
 * searched ID or phone numbers.
 */
export class RequestLog extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply) {
    const line = {
      method: req.method,
      url: path(req),
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else if (line.responseTime >= SLOW_REQUEST_MS) reply.log.warn(line, 'slow request');
    else reply.log.info(line, 'request completed');
  }

  override routeNotFound(req: FastifyRequest) {
    req.log.info(`Route ${req.method}:${path(req)} not found`);
  }
}
