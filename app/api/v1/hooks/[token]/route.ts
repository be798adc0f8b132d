import { errorResponse } from '@/lib/api/error-response';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase, getServices } from '@/lib/server/services';
import { callWebhook } from '@/lib/webhooks/call-webhook';

export const dynamic = 'force-dynamic';

/**
 * The one route without a session or API token: the token in the path is the credential. An
 * unknown, malformed or revoked token is the same 404; a live one redeploys (429 within the
 * hook's interval). No body is read.
 */
export const POST = async (request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> => {
  try {
    const { token } = await context.params;
    const result = await callWebhook({ docker: getServices().docker, database: await getDatabase() }, token, clientAddress(request.headers));
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
};
