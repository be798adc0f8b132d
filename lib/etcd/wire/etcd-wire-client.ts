// etcd's KV and Lease calls over grpc-endpoint.ts, for one cluster: picks a member, moves to
// another when one is unreachable, and signs in as the etcd user when one is configured. The
// watch stays with etcd3 (lib/etcd/etcd3-watch.ts): it alone needs a long-lived stream.
import type { EtcdCredentials } from '../../config/etcd-credentials';
import {
  type LeaseAnswer,
  type RangeArgs,
  type RangeResult,
  type TxnArgs,
  type TxnResult,
  type PutArgs,
  type DeleteArgs,
  authenticateRequest,
  authenticateResponse,
  deleteRangeRequest,
  deleteRangeResponse,
  leaseGrantRequest,
  leaseIdRequest,
  leaseResponse,
  leaseTimeToLiveRequest,
  putRequest,
  rangeRequest,
  rangeResponse,
  txnRequest,
  txnResponse,
} from './etcd-messages';
import { GrpcCallError, GrpcEndpoint, GrpcStatus } from './grpc-endpoint';
import type { ProtoWriter } from './protobuf';

/** etcd refused the configured user or password. */
export class EtcdAuthRefusedError extends Error {
  constructor(readonly details: string) {
    super(details);
    this.name = 'EtcdAuthRefusedError';
  }
}

/** A member that failed to answer is skipped for this long (another is tried meanwhile). */
const MEMBER_RETRY_AFTER_MS = 1_000;

export class EtcdWireClient {
  private readonly members: GrpcEndpoint[];
  private readonly downUntil: number[];
  /** The member calls go to while it answers: one HTTP/2 connection, and members share the load across clients. */
  private current: number;
  private token: Promise<string> | undefined;

  constructor(
    endpoints: readonly string[],
    private readonly credentials: EtcdCredentials | undefined,
    private readonly timeoutMs: number,
  ) {
    const tls = credentials?.tls;
    const settings = tls ? { ...(tls.ca ? { ca: tls.ca } : {}), ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}) } : undefined;
    this.members = endpoints.map((url) => new GrpcEndpoint(url, settings));
    this.downUntil = endpoints.map(() => 0);
    this.current = Math.floor(Math.random() * Math.max(1, endpoints.length));
  }

  async range(args: RangeArgs): Promise<RangeResult> {
    return rangeResponse(await this.unary('/etcdserverpb.KV/Range', rangeRequest(args)));
  }

  async put(args: PutArgs): Promise<void> {
    await this.unary('/etcdserverpb.KV/Put', putRequest(args));
  }

  /** How many keys went. */
  async deleteRange(args: DeleteArgs): Promise<number> {
    return deleteRangeResponse(await this.unary('/etcdserverpb.KV/DeleteRange', deleteRangeRequest(args)));
  }

  async txn(args: TxnArgs): Promise<TxnResult> {
    return txnResponse(await this.unary('/etcdserverpb.KV/Txn', txnRequest(args)));
  }

  async leaseGrant(ttlSeconds: number): Promise<LeaseAnswer> {
    const answer = leaseResponse(await this.unary('/etcdserverpb.Lease/LeaseGrant', leaseGrantRequest(ttlSeconds)));
    if (answer.error) throw new GrpcCallError(GrpcStatus.UNAVAILABLE, answer.error);
    return answer;
  }

  async leaseRevoke(id: string): Promise<void> {
    await this.unary('/etcdserverpb.Lease/LeaseRevoke', leaseIdRequest(id));
  }

  /** One keep-alive; TTL <= 0 in the answer: the lease is gone. */
  async leaseKeepAlive(id: string): Promise<LeaseAnswer> {
    return leaseResponse(await this.unary('/etcdserverpb.Lease/LeaseKeepAlive', leaseIdRequest(id)));
  }

  async leaseTimeToLive(id: string): Promise<LeaseAnswer> {
    return leaseResponse(await this.unary('/etcdserverpb.Lease/LeaseTimeToLive', leaseTimeToLiveRequest(id)));
  }

  close(): void {
    for (const member of this.members) member.close();
  }

  /**
   * One call; with several members, an unreachable one (UNAVAILABLE: refused, reset, no leader) is
   * skipped for a second and the call is made once more on the next. Repeating is safe: every
   * write of this project is an idempotent transaction or put.
   */
  private async unary(path: string, request: ProtoWriter): Promise<Buffer> {
    const message = request.finish();
    const attempts = this.members.length > 1 ? 2 : 1;
    for (let attempt = 1; ; attempt++) {
      const index = this.pick();
      const member = this.members[index];
      if (!member) throw new GrpcCallError(GrpcStatus.UNAVAILABLE, 'no etcd endpoint is configured');
      try {
        return await this.signedCall(member, path, message);
      } catch (error) {
        const unreachable = error instanceof GrpcCallError && error.code === GrpcStatus.UNAVAILABLE;
        if (!unreachable || attempt >= attempts) throw error;
        this.downUntil[index] = Date.now() + MEMBER_RETRY_AFTER_MS;
        this.current = (index + 1) % this.members.length;
      }
    }
  }

  /** The current member unless it failed within the last second; else the next one that did not. */
  private pick(): number {
    const now = Date.now();
    for (let step = 0; step < this.members.length; step++) {
      const index = (this.current + step) % this.members.length;
      if ((this.downUntil[index] ?? 0) <= now) {
        this.current = index;
        return index;
      }
    }
    return this.current;
  }

  private async signedCall(member: GrpcEndpoint, path: string, message: Buffer): Promise<Buffer> {
    const auth = this.credentials?.auth;
    if (!auth) return member.call(path, message, {}, this.timeoutMs);
    const token = await this.signIn(member, auth.username, auth.password);
    try {
      return await member.call(path, message, token ? { token } : {}, this.timeoutMs);
    } catch (error) {
      // A token expires (etcd's simple tokens after 5 idle minutes, or a restart): sign in again once.
      if (!(error instanceof GrpcCallError) || error.code !== GrpcStatus.UNAUTHENTICATED) throw error;
      this.token = undefined;
      const fresh = await this.signIn(member, auth.username, auth.password);
      return member.call(path, message, fresh ? { token: fresh } : {}, this.timeoutMs);
    }
  }

  /** Calls share one sign-in; a failed one is forgotten so the next call tries again. */
  private signIn(member: GrpcEndpoint, username: string, password: string): Promise<string> {
    this.token ??= member
      .call('/etcdserverpb.Auth/Authenticate', authenticateRequest(username, password).finish(), {}, this.timeoutMs)
      .then(authenticateResponse, (error: unknown) => {
        if (error instanceof GrpcCallError && /authentication is not enabled/.test(error.details)) return '';
        if (error instanceof GrpcCallError && error.code !== GrpcStatus.UNAVAILABLE && error.code !== GrpcStatus.DEADLINE_EXCEEDED) {
          throw new EtcdAuthRefusedError(error.details);
        }
        throw error;
      });
    const pending = this.token;
    pending.catch(() => {
      if (this.token === pending) this.token = undefined;
    });
    return pending;
  }
}
