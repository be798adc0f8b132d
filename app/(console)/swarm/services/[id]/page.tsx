import Link from 'next/link';
import type { ReactNode } from 'react';
import { ArgvList } from '@/app/components/argv-list';
import { RelativeTime } from '@/app/components/relative-time';
import { KeyValueTable } from '@/app/components/key-value-table';
import { PageFailure } from '@/app/components/page-failure';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { managerClientFor } from '@/lib/server/services';
import { serviceNetworkChoices } from '@/lib/swarm/network-choices';
import { attachmentChoices, type AttachmentChoices } from '@/lib/swarm/attachment-choices';
import { inspectService, listServiceTasks, type RolloutPolicyView, type ServiceView, type TaskView } from '@/lib/swarm/services';
import { ServiceDetailActions } from './service-detail-actions';
import { ServiceLogs } from './service-logs';
import { ServiceLiveProvider, ServiceStatusLine } from './service-live';
import { ServiceTasks } from './service-tasks';
import { ServiceWebhooks, type WebhookRow } from './service-webhooks';
import { listWebhookViews } from '@/lib/webhooks/webhook-mutations';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

const policyText = (policy: RolloutPolicyView | null) =>
  policy
    ? `${policy.parallelism === 0 ? 'all' : policy.parallelism} at a time, ${policy.order}, delay ${policy.delaySeconds} s, monitor ${policy.monitorSeconds} s, on failure ${policy.failureAction}` +
      (policy.maxFailureRatio > 0 ? ` (tolerates ${policy.maxFailureRatio * 100} %)` : '')
    : "Docker's defaults (1 at a time, stop-first, on failure pause)";

const or = (value: string, fallback = '—') => (value === '' ? fallback : value);

function configuration(service: ServiceView): [string, ReactNode][] {
  return [
    ['Image', service.image],
    ['Mode', service.mode === 'global' ? 'global (one task per node)' : `replicated: ${service.replicasRunning} of ${service.replicasDesired ?? 0} running`],
    ['Command', service.command && service.command.length > 0 ? <ArgvList words={service.command} testId="service-argv" /> : "the image's"],
    ['Networks', or(service.networks.join(', '))],
    ['Ports', or(service.ports.map((p) => `${p.published ?? '*'}:${p.target}/${p.protocol} (${p.mode})`).join(', '))],
    ['Endpoint mode', service.endpointMode],
    ['CPU', `reserved ${service.cpuReservation ?? '—'}, limit ${service.cpuLimit ?? '—'}`],
    ['Memory', `reserved ${service.memoryReservationMb === null ? '—' : `${service.memoryReservationMb} MB`}, limit ${service.memoryLimitMb === null ? '—' : `${service.memoryLimitMb} MB`}`],
    ['Constraints', or(service.constraints.join(', '))],
    ['Environment', or(service.env.join(' '))],
    ['Secrets', or(service.secrets.map((s) => `${s.name} → /run/secrets/${s.target.replace(/^\/run\/secrets\//, '')} (${s.uid}:${s.gid} ${s.mode})`).join(', '))],
    ['Configs', or(service.configs.map((c) => `${c.name} → ${c.target} (${c.uid}:${c.gid} ${c.mode})`).join(', '))],
    ['Update config', policyText(service.updateConfig)],
    ['Rollback config', policyText(service.rollbackConfig)],
    ['Last rollout', service.updateStatus ? `${service.updateStatus.state}${service.updateStatus.message ? `: ${service.updateStatus.message}` : ''}` : '—'],
    ['Updated', service.updatedAt ? <RelativeTime iso={service.updatedAt} /> : '—'],
  ];
}

export default async function ServicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const name = decodeURIComponent(id);
  const user = await requirePageUser({ permission: 'swarm:read' }, `/swarm/services/${id}`);
  const canWrite = granteeGrants(user, 'swarm:write');
  const docker = managerClientFor(user);
  let service: ServiceView;
  let tasks: TaskView[];
  let networks: string[];
  let attachable: AttachmentChoices | null;
  let webhooks: WebhookRow[];
  try {
    [service, tasks, networks, attachable] = await Promise.all([
      inspectService(docker, name),
      listServiceTasks(docker, name),
      canWrite ? serviceNetworkChoices(docker, user.role) : Promise.resolve([]),
      canWrite ? attachmentChoices(docker, user) : Promise.resolve(null),
    ]);
    webhooks = (await listWebhookViews(await getDatabase(), { service: service.id })).map((hook) => ({
      id: hook.id,
      name: hook.name,
      createdBy: hook.createdBy,
      createdAt: hook.createdAt.toISOString(),
      lastCalledAt: hook.lastCalledAt?.toISOString() ?? null,
      lastOutcome: hook.lastOutcome,
      status: hook.status,
    }));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <PageFailure title={`Service ${name}`} message={error.message}>
        <Link href="/swarm">Back to the swarm</Link>
      </PageFailure>
    );
  }
  return (
    <ServiceLiveProvider service={service.name} replicas={service.replicasDesired} initial={tasks}>
      <p>
        <Link href="/swarm">← Swarm</Link>
      </p>
      <div className="heading-row">
        <h1 data-testid="service-name">{service.name}</h1>
        <ServiceStatusLine />
      </div>
      {canWrite && <ServiceDetailActions service={service} networks={networks} attachable={attachable} />}
      <section className="card">
        <h2>Configuration</h2>
        <KeyValueTable rows={configuration(service)} testIdPrefix="service" testId="service-configuration" />
      </section>
      <ServiceTasks />
      <ServiceWebhooks service={service.id} webhooks={webhooks} canWrite={canWrite} />
      <ServiceLogs service={service.name} />
    </ServiceLiveProvider>
  );
}
