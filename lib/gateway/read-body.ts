import type { IncomingMessage } from 'node:http';
import { repeatedJsonKey as repeatedKey } from '@/lib/policy/go-json';
import { GatewayRefusal } from './refusal';

/** Create and update bodies are a few kilobytes; this bounds what one caller can make the console hold. */
export const MAX_INSPECTED_BODY_BYTES = 4 * 1024 * 1024;

/** A request body the gateway must read before forwarding it, whole. */
export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_INSPECTED_BODY_BYTES) throw new GatewayRefusal(413, `The request body is larger than ${MAX_INSPECTED_BODY_BYTES} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof GatewayRefusal) throw error;
    throw new GatewayRefusal(400, 'The request body was cut off before its end');
  }
  return Buffer.concat(chunks);
}

/** A request body the gateway must read before forwarding it, parsed as JSON (none: {}). */
export async function readJsonBody(request: IncomingMessage): Promise<{ raw: Buffer; json: unknown }> {
  const raw = await readRawBody(request);
  const text = raw.toString('utf8').trim();
  if (text === '') return { raw, json: {} };
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new GatewayRefusal(400, 'The request body is not valid JSON');
  }
  const repeated = repeatedKey(text);
  if (repeated !== null) {
    throw new GatewayRefusal(400, `The request body repeats the key "${repeated}" (keys that differ only in case count as the same): send each key once`);
  }
  return { raw, json };
}
