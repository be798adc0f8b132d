import { renderError } from '@/lib/errors/render-error';

export type { ApiErrorBody } from '@/lib/errors/render-error';

/** The JSON answer for a failed API call (see renderError). */
export function errorResponse(error: unknown): Response {
  const { status, body, headers } = renderError(error, { where: 'an API handler' });
  return Response.json(body, { status, headers });
}
