// Our hand-written encoding checked against etcd's own message definitions (the .proto files that
// etcd3 ships, read by protobufjs): what we send decodes to what we meant, and what etcd sends
// decodes to the same values with our reader.
import path from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { leaseGrantRequest, leaseResponse, putRequest, rangeRequest, rangeResponse, txnRequest, txnResponse } from './etcd-messages';

const root = protobuf.loadSync(path.join(process.cwd(), 'node_modules/etcd3/proto/rpc.proto'));
const type = (name: string) => root.lookupType(name);
const decoded = (name: string, bytes: Buffer) => type(name).toObject(type(name).decode(bytes), { longs: String, bytes: String, enums: String, defaults: false, oneofs: true });
const encoded = (name: string, value: Record<string, unknown>) => Buffer.from(type(name).encode(type(name).fromObject(value)).finish());
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe("etcd's messages", () => {
  it('encodes a range over a prefix with keys only', () => {
    const message = decoded('etcdserverpb.RangeRequest', rangeRequest({ key: Buffer.from('a/'), rangeEnd: Buffer.from('a0'), keysOnly: true }).finish());
    expect(message).toEqual({ key: b64('a/'), rangeEnd: b64('a0'), keysOnly: true });
  });

  it('encodes a put with a lease id beyond 2^53', () => {
    const message = decoded('etcdserverpb.PutRequest', putRequest({ key: Buffer.from('k'), value: Buffer.from('v'), lease: '7587869966474913411' }).finish());
    expect(message).toEqual({ key: b64('k'), value: b64('v'), lease: '7587869966474913411' });
  });

  it('encodes a transaction of nested transactions: compares (absent, unchanged), puts, deletes and reads', () => {
    const bytes = txnRequest({
      compare: [],
      success: [
        {
          txn: {
            compare: [
              { key: Buffer.from('addr'), target: 'create', revision: '0' },
              { key: Buffer.from('mac'), target: 'mod', revision: '42' },
            ],
            success: [{ put: { key: Buffer.from('addr'), value: Buffer.from('{}') } }, { deleteRange: { key: Buffer.from('old') } }],
            failure: [{ range: { key: Buffer.from('addr') } }],
          },
        },
      ],
      failure: [],
    }).finish();
    const message = decoded('etcdserverpb.TxnRequest', bytes);
    expect(message).toEqual({
      success: [
        {
          requestTxn: {
            compare: [
              { target: 'Create', key: b64('addr'), createRevision: '0', targetUnion: 'createRevision' },
              { target: 'Mod', key: b64('mac'), modRevision: '42', targetUnion: 'modRevision' },
            ],
            success: [{ requestPut: { key: b64('addr'), value: b64('{}') }, request: 'requestPut' }, { requestDeleteRange: { key: b64('old') }, request: 'requestDeleteRange' }],
            failure: [{ requestRange: { key: b64('addr') }, request: 'requestRange' }],
          },
          request: 'requestTxn',
        },
      ],
    });
  });

  it("reads etcd's range answer: revision, keys, values, revisions and leases", () => {
    const bytes = encoded('etcdserverpb.RangeResponse', {
      header: { revision: '9007199254740993' },
      kvs: [{ key: b64('a'), value: b64('1'), createRevision: '5', modRevision: '7', lease: '7587869966474913411' }, { key: b64('b'), modRevision: '8' }],
    });
    const answer = rangeResponse(bytes);
    expect(answer.revision).toBe('9007199254740993');
    expect(answer.kvs.map((kv) => ({ ...kv, key: kv.key.toString(), value: kv.value.toString() }))).toEqual([
      { key: 'a', value: '1', createRevision: '5', modRevision: '7', lease: '7587869966474913411' },
      { key: 'b', value: '', createRevision: '0', modRevision: '8', lease: '0' },
    ]);
  });

  it("reads a failed nested transaction's reads inside a succeeded outer one", () => {
    const bytes = encoded('etcdserverpb.TxnResponse', {
      header: { revision: '12' },
      succeeded: true,
      responses: [
        { responseTxn: { succeeded: false, responses: [{ responseRange: { kvs: [{ key: b64('addr'), value: b64('held'), modRevision: '3' }] } }, { responseRange: {} }] } },
        { responseTxn: { succeeded: true, responses: [{ responsePut: {} }, { responseDeleteRange: { deleted: '1' } }] } },
      ],
    });
    const answer = txnResponse(bytes);
    expect(answer.revision).toBe('12');
    expect(answer.succeeded).toBe(true);
    const [first, second] = answer.responses;
    expect(first && 'txn' in first && first.txn.succeeded).toBe(false);
    const reads = first && 'txn' in first ? first.txn.responses.map((op) => ('range' in op ? op.range.kvs.map((kv) => kv.value.toString()) : null)) : null;
    expect(reads).toEqual([['held'], []]);
    expect(second && 'txn' in second ? second.txn.responses : null).toEqual([{ put: true }, { deleteRange: 1 }]);
  });

  it('reads a lease answer with a negative TTL (expired) and a refusal in words', () => {
    expect(leaseResponse(encoded('etcdserverpb.LeaseKeepAliveResponse', { ID: '7587869966474913411', TTL: '-1' }))).toEqual({ id: '7587869966474913411', ttl: -1, error: '' });
    expect(leaseResponse(encoded('etcdserverpb.LeaseGrantResponse', { ID: '1', TTL: '10', error: 'lease exists' }))).toEqual({ id: '1', ttl: 10, error: 'lease exists' });
    expect(decoded('etcdserverpb.LeaseGrantRequest', leaseGrantRequest(15).finish())).toEqual({ TTL: '15' });
  });
});
