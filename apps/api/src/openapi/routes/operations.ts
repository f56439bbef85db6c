import { ZHealthResponseSchema } from '@telehealth/contracts';
import type { RouteEntry } from '../route-types';

/** Health and the API documentation. */
export const OPERATIONS_ROUTES: readonly RouteEntry[] = [
  {
    method: 'get',
    path: '/api/health',
    tag: 'operations',
    summary: 'Health of this API process (503 while its database is down)',
    auth: 'public',
    response: { status: 200, schema: ZHealthResponseSchema },
    errors: { 503: ZHealthResponseSchema },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'operations',
    summary: 'This document',
    auth: 'public',
    response: { status: 200, mediaType: 'application/json', description: 'The OpenAPI 3.1 document.' },
  },
  {
    method: 'get',
    path: '/api/docs',
    tag: 'operations',
    summary: 'The API documentation page (Swagger UI)',
    auth: 'public',
    response: { status: 200, mediaType: 'text/html', description: 'The page.' },
  },
  {
    method: 'get',
    path: '/api/docs/:file',
    tag: 'operations',
    summary: "The documentation page's scripts and styles",
    auth: 'public',
    response: { status: 200, mediaType: 'application/octet-stream', description: 'A static file.' },
  },
];
