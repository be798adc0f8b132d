// etcd's v3 messages (api/etcdserverpb/rpc.proto, api/mvccpb/kv.proto) as this project uses them:
// field numbers from those files, encoded and decoded with protobuf.ts. Only the fields we send or
// read are here; etcd ignores what it does not get, and unknown fields it sends are skipped.
import { ProtoWriter, int64Text, protoFields } from './protobuf';

export interface KeyValue {
  readonly key: Buffer;
  readonly value: Buffer;
  readonly createRevision: string;
  readonly modRevision: string;
  /** "0": no lease. */
  readonly lease: string;
}

export interface RangeArgs {
  readonly key: Buffer;
  /** Every key from `key` up to (not including) this one; omitted: `key` alone. */
  readonly rangeEnd?: Buffer;
  readonly keysOnly?: boolean;
}

export interface PutArgs {
  readonly key: Buffer;
  readonly value: Buffer;
  readonly lease?: string;
}

export interface DeleteArgs {
  readonly key: Buffer;
  readonly rangeEnd?: Buffer;
}

/** A compare with result Equal: the key's create or mod revision is the given one (create 0: absent). */
export interface Compare {
  readonly key: Buffer;
  readonly target: 'create' | 'mod';
  readonly revision: string;
}

export type RequestOp =
  | { readonly range: RangeArgs }
  | { readonly put: PutArgs }
  | { readonly deleteRange: DeleteArgs }
  | { readonly txn: TxnArgs };

export interface TxnArgs {
  readonly compare: readonly Compare[];
  readonly success: readonly RequestOp[];
  readonly failure: readonly RequestOp[];
}

export interface RangeResult {
  readonly revision: string;
  readonly kvs: KeyValue[];
}

export type ResponseOp =
  | { readonly range: RangeResult }
  | { readonly put: true }
  | { readonly deleteRange: number }
  | { readonly txn: TxnResult };

export interface TxnResult {
  readonly revision: string;
  readonly succeeded: boolean;
  readonly responses: ResponseOp[];
}

export interface LeaseAnswer {
  readonly id: string;
  /** Seconds; etcd answers a keep-alive or time-to-live of an expired or unknown lease with TTL <= 0. */
  readonly ttl: number;
  /** LeaseGrant's refusal in words ("" when granted). */
  readonly error: string;
}

// ---- requests ----

const COMPARE_TARGET = { create: 1, mod: 2 } as const;

export function rangeRequest(args: RangeArgs): ProtoWriter {
  const message = new ProtoWriter().bytes(1, args.key);
  if (args.rangeEnd) message.bytes(2, args.rangeEnd);
  return message.int(8, args.keysOnly ?? false);
}

export function putRequest(args: PutArgs): ProtoWriter {
  return new ProtoWriter()
    .bytes(1, args.key)
    .bytes(2, args.value)
    .int(3, args.lease ?? 0);
}

export function deleteRangeRequest(args: DeleteArgs): ProtoWriter {
  const message = new ProtoWriter().bytes(1, args.key);
  return args.rangeEnd ? message.bytes(2, args.rangeEnd) : message;
}

function compareMessage(compare: Compare): ProtoWriter {
  // result Equal (0) is the default and is not written; create_revision is field 5, mod_revision 6,
  // members of a oneof, so written even when 0 (etcd would read an absent one as 0 too).
  return new ProtoWriter()
    .int(2, COMPARE_TARGET[compare.target])
    .bytes(3, compare.key)
    .intAlways(compare.target === 'create' ? 5 : 6, compare.revision);
}

function requestOp(op: RequestOp): ProtoWriter {
  if ('range' in op) return new ProtoWriter().bytes(1, rangeRequest(op.range));
  if ('put' in op) return new ProtoWriter().bytes(2, putRequest(op.put));
  if ('deleteRange' in op) return new ProtoWriter().bytes(3, deleteRangeRequest(op.deleteRange));
  return new ProtoWriter().bytes(4, txnRequest(op.txn));
}

export function txnRequest(args: TxnArgs): ProtoWriter {
  const message = new ProtoWriter();
  for (const compare of args.compare) message.bytes(1, compareMessage(compare));
  for (const op of args.success) message.bytes(2, requestOp(op));
  for (const op of args.failure) message.bytes(3, requestOp(op));
  return message;
}

export const leaseGrantRequest = (ttlSeconds: number) => new ProtoWriter().int(1, ttlSeconds);
export const leaseIdRequest = (id: string) => new ProtoWriter().int(1, id);
export const leaseTimeToLiveRequest = (id: string) => new ProtoWriter().int(1, id);
export const authenticateRequest = (name: string, password: string) => new ProtoWriter().bytes(1, name).bytes(2, password);

// ---- responses ----

function headerRevision(bytes: Buffer): string {
  for (const field of protoFields(bytes)) if (field.field === 3 && 'varint' in field) return int64Text(field.varint);
  return '0';
}

function keyValue(bytes: Buffer): KeyValue {
  let key: Buffer = Buffer.alloc(0);
  let value: Buffer = Buffer.alloc(0);
  let createRevision = '0';
  let modRevision = '0';
  let lease = '0';
  for (const field of protoFields(bytes)) {
    if ('bytes' in field) {
      if (field.field === 1) key = field.bytes;
      else if (field.field === 5) value = field.bytes;
    } else if (field.field === 2) createRevision = int64Text(field.varint);
    else if (field.field === 3) modRevision = int64Text(field.varint);
    else if (field.field === 6) lease = int64Text(field.varint);
  }
  return { key, value, createRevision, modRevision, lease };
}

export function rangeResponse(bytes: Buffer): RangeResult {
  let revision = '0';
  const kvs: KeyValue[] = [];
  for (const field of protoFields(bytes)) {
    if (!('bytes' in field)) continue;
    if (field.field === 1) revision = headerRevision(field.bytes);
    else if (field.field === 2) kvs.push(keyValue(field.bytes));
  }
  return { revision, kvs };
}

function deletedCount(bytes: Buffer): number {
  for (const field of protoFields(bytes)) if (field.field === 2 && 'varint' in field) return Number(field.varint);
  return 0;
}

function responseOp(bytes: Buffer): ResponseOp {
  for (const field of protoFields(bytes)) {
    if (!('bytes' in field)) continue;
    if (field.field === 1) return { range: rangeResponse(field.bytes) };
    if (field.field === 2) return { put: true };
    if (field.field === 3) return { deleteRange: deletedCount(field.bytes) };
    if (field.field === 4) return { txn: txnResponse(field.bytes) };
  }
  // An empty ResponseOp: a put whose response had only defaults is still a put's answer.
  return { put: true };
}

export function txnResponse(bytes: Buffer): TxnResult {
  let revision = '0';
  let succeeded = false;
  const responses: ResponseOp[] = [];
  for (const field of protoFields(bytes)) {
    if ('bytes' in field) {
      if (field.field === 1) revision = headerRevision(field.bytes);
      else if (field.field === 3) responses.push(responseOp(field.bytes));
    } else if (field.field === 2) succeeded = field.varint !== 0n;
  }
  return { revision, succeeded, responses };
}

export const deleteRangeResponse = deletedCount;

/** LeaseGrantResponse, LeaseKeepAliveResponse and LeaseTimeToLiveResponse share ID = 2, TTL = 3. */
export function leaseResponse(bytes: Buffer): LeaseAnswer {
  let id = '0';
  let ttl = 0;
  let error = '';
  for (const field of protoFields(bytes)) {
    if ('varint' in field) {
      if (field.field === 2) id = int64Text(field.varint);
      else if (field.field === 3) ttl = Number(BigInt.asIntN(64, field.varint));
    } else if (field.field === 4) error = field.bytes.toString();
  }
  return { id, ttl, error };
}

export function authenticateResponse(bytes: Buffer): string {
  for (const field of protoFields(bytes)) if (field.field === 2 && 'bytes' in field) return field.bytes.toString();
  return '';
}
