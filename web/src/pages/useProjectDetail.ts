import { useEffect, useState } from 'react';
import { api } from '../api';
import type { ProjectDetail } from '../types';

/** A project with its goals and its experiments' stages; null id reads nothing. */
export function useProjectDetail(id: string | null) {
  const [project, setProject] = useState<ProjectDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setProject(null);
    setError(null);
    if (!id) return;
    const ctl = new AbortController();
    api.project(id, ctl.signal).then(setProject).catch((e) => (e as Error)?.name !== 'AbortError' && setError(e));
    return () => ctl.abort();
  }, [id]);
  return { project, error };
}
