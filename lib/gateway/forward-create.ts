// A container create through the gateway: placed (place-create.ts), checked by the gateway's body
// rules and the policy on the engine chosen (once, there), the image pulled there when that host
// lacks it, then forwarded. A host that cannot pull is dropped with its reason and the create
// placed again among the others. The memory the create claimed (lib/placement's ledger) is bound
// to the container the engine answers with, or released when the create failed. A pull sends the
// caller's own X-Registry-Auth when the call carried one, else the saved registry's login for
// the image's registry host (lib/registries), as the docker CLI's own pull would have.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdmittedCall } from './admit-call';
import { matchGatewayRoute } from './allow-list';
import { applyPolicy } from './apply-policy';
import { refuseCall } from './authorize-call';
import { onEngine } from './gateway-engines';
import type { GatewayContext } from './gateway-context';
import { assertBodyAllowed } from './inspect-body';
import { createName, placeGatewayCreate, readGatewayCreate } from './place-create';
import { forwardRequest } from './proxy-request';
import { pullAuthFor } from './pull-auth';
import { pullImageOn } from './pull-image';
import { readJsonBody } from './read-body';
import { bindClaim, releaseClaim } from '@/lib/placement/core-claims';

const PULL_RULE = matchGatewayRoute('POST', '/images/create')?.rule;

/** Whether the caller could pull the image themselves (images:write): only then does placement pull for them. */
function mayPull(call: AdmittedCall): boolean {
  return PULL_RULE !== undefined && refuseCall(call.user, PULL_RULE, 'POST') === null;
}

/** The container id in a create's answer ({"Id": …}), or null. */
function createdId(body: Buffer): string | null {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && 'Id' in parsed && typeof parsed.Id === 'string' ? parsed.Id : null;
  } catch {
    return null;
  }
}

/** Resolves with the status the caller got and the host the create went to (null: the gateway's one engine, unplaced). */
export async function forwardCreate(context: GatewayContext, call: AdmittedCall, url: string, request: IncomingMessage, response: ServerResponse): Promise<{ status: number; host: string | null }> {
  const body = await readJsonBody(request);
  const create = readGatewayCreate(body.json, body.raw);
  const skipped = new Map<string, string>();
  const pulls = mayPull(call);
  const store = context.engines?.placement.placement?.store;
  for (;;) {
    const placed = await placeGatewayCreate(context.engines, create, { mayPull: pulls, skipped }, createName(url, create.image));
    let claim = placed.claim;
    try {
      const routed = onEngine(context, placed.engine);
      await assertBodyAllowed(routed, call.user, 'container-create', body.json);
      const forward = await applyPolicy(routed, call.user, 'POST', url, call.path.route, create.body);
      if (placed.pull && placed.engine && placed.host !== null) {
        const problem = await pullImageOn(placed.engine.upstream, create.image, await pullAuthFor(context, call.user, request.headers, create.image));
        if (problem !== null) {
          skipped.set(placed.host, `cannot pull ${create.image}: ${problem}`);
          continue;
        }
      }
      let answer: Buffer = Buffer.alloc(0);
      const status = await forwardRequest(routed.upstream, request, response, forward, claim ? (body) => (answer = body) : undefined);
      const id = status === 201 ? createdId(answer) : null;
      if (claim && store && placed.host !== null && id !== null) {
        await bindClaim(store, placed.host, claim, id).catch(() => undefined); // unbound: the reconcile frees it after the grace period
        claim = undefined;
      }
      // Read-your-writes: the next call (start, a placement counting this one's memory) sees it.
      placed.engine?.handle.inventory.invalidate();
      return { status, host: placed.host };
    } finally {
      if (claim && store && placed.host !== null) await releaseClaim(store, placed.host, claim).catch(() => undefined);
    }
  }
}
