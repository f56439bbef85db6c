import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const logger = new Logger('HTTP');
const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (a proxy's X-Request-Id is kept), returns it in the response
 * and logs one line when the response is done. Only the path is logged: query strings can
 * hold what a doctor searched for (a patient's name), and bodies are never logged.
 */
export const requestLog =
  (logLines: boolean) =>
  (request: Request, response: Response, next: NextFunction): void => {
    const incoming = request.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    if (!logLines) return next();
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const user = (request as Request & { user?: { id: string } }).user;
      logger.log({
        msg: 'request',
        requestId,
        method: request.method,
        path: request.originalUrl.split('?')[0],
        status: response.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
        userId: user?.id,
      });
    });
    next();
  };
