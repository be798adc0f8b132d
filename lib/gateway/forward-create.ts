// A container create through the gateway: placed (place-create.ts), checked by the gateway's body
// rules and the policy on the engine chosen (once, there), the image pulled there when that host
// lacks it, then forwarded. A host that cannot pull is dropped with its reason and the create
// placed again among the others.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdmittedCall } from './admit-call';
import { matchGatewayRoute } from './allow-list';
import { applyPolicy } from './apply-policy';
import { refuseCall } from './authorize-call';
import { onEngine } from './gateway-engines';
import type { GatewayContext } from './gateway-context';
import { assertBodyAllowed } from './inspect-body';
import { placeGatewayCreate, readGatewayCreate } from './place-create';
import { forwardRequest } from './proxy-request';
import { pullImageOn } from './pull-image';
import { readJsonBody } from './read-body';

const PULL_RULE = matchGatewayRoute('POST', '/images/create')?.rule;

/** Whether the caller could pull the image themselves (images:write): only then does placement pull for them. */
function mayPull(call: AdmittedCall): boolean {
  return PULL_RULE !== undefined && refuseCall(call.user, PULL_RULE, 'POST') === null;
}

/** Resolves with the status the caller got and the host the create went to (null: the gateway's one engine, unplaced). */
export async function forwardCreate(context: GatewayContext, call: AdmittedCall, url: string, request: IncomingMessage, response: ServerResponse): Promise<{ status: number; host: string | null }> {
  const body = await readJsonBody(request);
  const create = readGatewayCreate(body.json, body.raw);
  const skipped = new Map<string, string>();
  const pulls = mayPull(call);
  for (;;) {
    const placed = await placeGatewayCreate(context.engines, create, { mayPull: pulls, skipped });
    const routed = onEngine(context, placed.engine);
    await assertBodyAllowed(routed, call.user, 'container-create', body.json);
    const forward = await applyPolicy(routed, call.user, 'POST', url, call.path.route, create.body);
    if (placed.pull && placed.engine && placed.host !== null) {
      const problem = await pullImageOn(placed.engine.upstream, create.image);
      if (problem !== null) {
        skipped.set(placed.host, `cannot pull ${create.image}: ${problem}`);
        continue;
      }
    }
    const status = await forwardRequest(routed.upstream, request, response, forward);
    // Read-your-writes: the next call (start, a placement counting this one's memory) sees it.
    placed.engine?.handle.inventory.invalidate();
    return { status, host: placed.host };
  }
}
