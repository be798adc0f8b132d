'use client';

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { serviceStatus } from '@/lib/swarm/service-status';
import type { TaskView } from '@/lib/swarm/services';
import { ServiceStatusText } from '../../service-status-text';

interface Live {
  tasks: readonly TaskView[];
  error: string | null;
  replicas: number | null;
}

const LiveTasks = createContext<Live | null>(null);

/** The service's tasks, read every 2 s while the page is open; its header and task table read them here. */
export function ServiceLiveProvider({ service, replicas, initial, children }: { service: string; replicas: number | null; initial: readonly TaskView[]; children: ReactNode }) {
  const [tasks, setTasks] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const read = async () => {
      const answer = await api.get<{ tasks: TaskView[] }>(apiPath`/api/v1/swarm/services/${service}/tasks`).catch(ApiError.from);
      if (stopped) return;
      if (answer instanceof ApiError) {
        setError(answer.saidByApi ? answer.message : 'The tasks could not be read');
        return;
      }
      setError(null);
      setTasks(answer.tasks);
    };
    const timer = setInterval(() => void read(), 2_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [service]);
  return <LiveTasks.Provider value={{ tasks, error, replicas }}>{children}</LiveTasks.Provider>;
}

export function useLiveTasks(): Live {
  const live = useContext(LiveTasks);
  if (!live) throw new Error('useLiveTasks needs a ServiceLiveProvider above it');
  return live;
}

/** The header's "2 / 3 running" or "0 / 2 failing: <last task error>", from the same tasks as the table. */
export function ServiceStatusLine() {
  const { tasks, replicas } = useLiveTasks();
  return <ServiceStatusText status={serviceStatus(replicas, tasks)} testId="service-replicas" />;
}
