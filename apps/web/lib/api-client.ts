/** Browser-side calls to the API with the session's bearer token; errors carry the API's sentence. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiContext {
  apiUrl: string;
  token: string;
}

export async function apiRequest<T>(ctx: ApiContext, path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${ctx.apiUrl}${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        authorization: `Bearer ${ctx.token}`,
        ...init.headers,
      },
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('The service cannot be reached. Check your connection and try again.', 0);
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const sentence =
      body && typeof body === 'object' && 'error' in body && typeof (body as { error: unknown }).error === 'string'
        ? (body as { error: string }).error
        : `The request failed (${response.status}).`;
    if (response.status === 401) {
      // The API token ran out while the page was open: the session counts as signed out.
      if (typeof window !== 'undefined') {
        window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
      }
      throw new ApiError('Your session has expired. Please sign in again.', 401);
    }
    throw new ApiError(sentence, response.status);
  }
  return body as T;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}
