import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Options } from 'pino-http';

// A proxy's id is kept only when it looks like one: never a header that could forge log lines.
const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

type Request = IncomingMessage & { originalUrl?: string; user?: { id: string } };

/** The path without its query string: queries can hold what a doctor searched for (a patient's name). */
export function pathOf(request: Request): string {
  return (request.originalUrl ?? request.url ?? '').split('?')[0] ?? '';
}

/** The request's id: a proxy's X-Request-Id when well-formed, else a new UUID; always sent back. */
export function requestIdFor(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

function requestLine(request: Request, response: ServerResponse, ms: number) {
  return { method: request.method, path: pathOf(request), status: response.statusCode, ms };
}

/**
 * pino-http options for one line per finished request: method, path (no query), status, duration,
 * user id and request id, nothing else. The request and response objects themselves are never
 * logged (quiet loggers), so headers (Authorization, cookies), bodies and query strings cannot leak.
 */
export function requestLogOptions(logRequests: boolean): Options<Request, ServerResponse> {
  return {
    genReqId: requestIdFor,
    customAttributeKeys: { reqId: 'requestId' },
    // Every line logged during the request (Nest's Logger too) carries requestId, not the request.
    quietReqLogger: true,
    quietResLogger: true,
    autoLogging: logRequests,
    // Evaluated again when the response finishes, after the auth guard has put the user on the request.
    customProps: (request) => (request.user ? { userId: request.user.id } : {}),
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: (request, response, fields: { responseTime: number }) => requestLine(request, response, fields.responseTime),
    customErrorObject: (request, response, _error, fields: { responseTime: number }) => requestLine(request, response, fields.responseTime),
    customSuccessMessage: (request, response, ms) => `${request.method} ${pathOf(request)} ${response.statusCode} ${ms}ms`,
    customErrorMessage: (request, response) => `${request.method} ${pathOf(request)} ${response.statusCode}`,
  };
}
