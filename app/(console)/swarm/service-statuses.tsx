'use client';

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import type { ServiceStatus, ServiceView } from '@/lib/swarm/services';
import { ServiceStatusText } from './service-status-text';

const Statuses = createContext<ReadonlyMap<string, ServiceStatus | null> | null>(null);

/** Every service's status, read again every 3 s while the list is open: tasks start and fail on their own. */
export function ServiceStatusesProvider({ children }: { children: ReactNode }) {
  const [statuses, setStatuses] = useState<ReadonlyMap<string, ServiceStatus | null> | null>(null);
  useEffect(() => {
    let stopped = false;
    const read = async () => {
      const answer = await api.get<{ services: ServiceView[] }>('/api/v1/swarm/services').catch(ApiError.from);
      if (stopped || answer instanceof ApiError) return; // the last statuses stay; the next read tries again
      setStatuses(new Map(answer.services.map((service) => [service.name, service.status])));
    };
    const timer = setInterval(() => void read(), 3_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return <Statuses.Provider value={statuses}>{children}</Statuses.Provider>;
}

/** One service's status in the list: the server's until the first read, then the live one. */
export function LiveServiceStatus({ name, initial }: { name: string; initial: ServiceStatus | null }) {
  const live = useContext(Statuses);
  const status = live?.has(name) ? live.get(name) : initial;
  return status ? <ServiceStatusText status={status} /> : <span className="muted">—</span>;
}
