import { useEffect, useState } from 'react';
import { api } from '../api';

/** The goal indicators of an experiment's project, which its plan can say it serves. */
export function useProjectGoals(projectId: string | null | undefined): string[] {
  const [goals, setGoals] = useState<string[]>([]);
  useEffect(() => {
    if (!projectId) return;
    const ctl = new AbortController();
    api.project(projectId, ctl.signal)
      .then((p) => setGoals(p.workstreams.flatMap((w) => w.goals.map((g) => g.indicator))))
      .catch(() => setGoals([]));
    return () => ctl.abort();
  }, [projectId]);
  return goals;
}
