import type { Role } from '@telehealth/contracts';
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, any signed-in user, or only these roles (403 for the others). */
export type RouteAuth = 'public' | 'signed-in' | readonly Role[];

/** What a successful call answers: JSON of a schema, another media type, or nothing. */
export type RouteResponse =
  | { status: number; schema: z.ZodType; description?: string }
  | { status: number; mediaType: string; description: string }
  | { status: 204; description: string };

export interface RouteEntry {
  method: HttpMethod;
  /** Express style, as Nest maps it (`/api/sessions/:id`). */
  path: string;
  tag: string;
  summary: string;
  auth: RouteAuth;
  body?: z.ZodType;
  query?: z.ZodObject;
  response: RouteResponse;
  /**
   * Error statuses besides those the route's shape implies (400 for a body or query, 401 and 403
   * from its auth, 404 for a path with an id): each answers `{ error, code, reason }`, or the
   * schema given here when it carries more.
   */
  errors?: Partial<Record<number, z.ZodType | true>>;
}

/** Any signed-in user may call the route. */
export const SIGNED_IN = 'signed-in' as const;
