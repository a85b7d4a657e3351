import type { PrivateCount } from '../format';

/** One place a model went: id and title only when the reader may see them (published, or in their county). */
export interface SpreadNode {
  experimentId?: string | null;
  title?: string | null;
  county: string;
  stage: string;
  adoptionScope?: string | null;
  published: boolean;
  adaptations: SpreadNode[];
}

/** What the catalogue's list and a model's own page both say of a model. */
interface PublicModelHeading {
  id: string;
  title: string;
  link?: string | null;
  county: string;
  experimentTitle: string;
  problem: string;
  themes: string[];
}

export interface PublicSummary extends PublicModelHeading {
  adoptionScope: string;
  publishedAt: string;
  adaptations: number;
}

export interface PublicCatalogue { items: PublicSummary[]; total: number }

export interface PublicModel extends PublicModelHeading {
  tried: { hypothesis?: string | null; targetGroup?: string | null; sites: string[]; channels: string[]; start?: string | null; ended?: string | null };
  criteria: { metric: string; baseline?: number | null; target?: number | null; unit?: string | null; met: boolean; note?: string | null }[];
  lessons?: string | null;
  adoptionScope: string;
  processes: string[];
  adoptedAt: string;
  publishedAt: string;
  participation: {
    total: PrivateCount;
    byKind: Record<string, PrivateCount>;
    byAgeBand: Record<string, PrivateCount>;
    /** Cells left out so that a single small cell cannot be worked out from the total (shown as "–", not "< 5"). */
    byKindProtecting: string[];
    byAgeBandProtecting: string[];
  };
  suppressedBelow: number;
  adaptedFrom?: { id?: string | null; county: string; title?: string | null } | null;
  spreadTotal: number;
  spread: SpreadNode[];
}

export interface ExperimentSpread {
  id: string;
  adaptedFrom?: { originId: string; originCounty: string; operatingModelTitle: string } | null;
  total: number;
  adaptations: SpreadNode[];
}

export interface Change {
  experimentId: string;
  title: string;
  county: string;
  kind: 'stageChanged' | 'adopted' | 'published' | 'evaluationOverdue';
  at: string;
  from?: string | null;
  to?: string | null;
  scope?: string | null;
  plannedEnd?: string | null;
}

export interface ChangesSinceLastVisit { since: string; until: string; firstVisit: boolean; changes: Change[] }
