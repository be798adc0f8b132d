import { evaluateEngineRequest } from '../evaluate';
import type { Role } from '@/prisma-free-db/schemas/account';
import type { PolicyDecision } from '../types';
import { ENGINE, FakeResolver, type FakeEngine } from './fake-resolver';

function parsed(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** The policy's decision on a request with a JSON body (sent as raw text, as a client would send it). */
export function decide(method: string, path: string, body?: unknown, role: Role = 'operator', engine: FakeEngine = ENGINE): Promise<PolicyDecision> {
  const rawBody = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return evaluateEngineRequest({ method, path, body: parsed(rawBody), ...(rawBody === undefined ? {} : { rawBody }) }, { role }, new FakeResolver(engine));
}

/** The refusal's field, or "allowed". */
export async function refusedField(method: string, path: string, body?: unknown, role: Role = 'operator'): Promise<string | undefined> {
  const decision = await decide(method, path, body, role);
  return decision.allow ? 'allowed' : decision.field;
}
