import { useTranslation } from 'react-i18next';
import type { SpreadNode } from '../public/types';

interface Row { node: SpreadNode | null; depth: number; parent: number | null }

/** The tree in reading order: the root first, then each adaptation under the one it adapted. */
function rows(nodes: SpreadNode[]): Row[] {
  const out: Row[] = [{ node: null, depth: 0, parent: null }];
  const walk = (list: SpreadNode[], depth: number, parent: number) => {
    for (const n of list) {
      out.push({ node: n, depth, parent });
      walk(n.adaptations, depth + 1, out.length - 1);
    }
  };
  walk(nodes, 1, 0);
  return out;
}

const BOX_W = 290;
const BOX_H = 44;
const ROW_H = 56;
const INDENT = 48;

function stageClass(stage: string) {
  if (stage === 'Adopted') return 'spread-adopted';
  if (stage === 'Discontinued') return 'spread-discontinued';
  return 'spread-ongoing';
}

/**
 * Where a model spread, twice: a nested list (what keyboards and screen readers use) and beside it
 * a picture of the same tree, drawn as an SVG with a text alternative.
 */
export function SpreadTree(props: {
  nodes: SpreadNode[];
  rootLabel: string;
  countyName: (slug: string) => string;
  linkFor: (node: SpreadNode) => string | null;
}) {
  const { t } = useTranslation();
  const all = rows(props.nodes);
  const counties = [...new Set(all.slice(1).map((r) => props.countyName(r.node!.county)))];
  const maxDepth = Math.max(...all.map((r) => r.depth));
  const width = maxDepth * INDENT + BOX_W + 20;
  const height = all.length * ROW_H + 10;

  const label = (n: SpreadNode) => {
    const parts = [props.countyName(n.county), t(`stage.${n.stage}`, { defaultValue: n.stage })];
    if (n.adoptionScope) parts.push(t('spread.scope', { scope: t(`adoptionScope.${n.adoptionScope}`, { defaultValue: n.adoptionScope }) }));
    return parts.join(', ');
  };

  const item = (n: SpreadNode, i: number) => {
    const href = props.linkFor(n);
    return (
      <li key={n.experimentId ?? `${n.county}-${i}`} data-testid="spread-node" data-county={n.county} data-stage={n.stage}>
        {n.title && href ? <a href={href}>{n.title}</a> : <span className="spread-unnamed">{n.title ?? t('spread.unnamed')}</span>}
        {' – '}
        {label(n)}
        {n.adaptations.length > 0 && <ul>{n.adaptations.map(item)}</ul>}
      </li>
    );
  };

  return (
    <div className="spread">
      <ul className="spread-tree" aria-label={t('spread.treeLabel')} data-testid="spread-tree">
        <li>
          <strong>{props.rootLabel}</strong>
          {props.nodes.length > 0 && <ul>{props.nodes.map(item)}</ul>}
        </li>
      </ul>
      <svg
        className="spread-picture"
        role="img"
        aria-label={t('spread.picture', { count: all.length - 1, counties: counties.join(', ') })}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        data-testid="spread-picture"
      >
        {all.map((r, i) =>
          r.parent === null ? null : (
            <path
              key={`l${i}`}
              className="spread-line"
              d={`M ${all[r.parent].depth * INDENT + 24} ${r.parent * ROW_H + 10 + BOX_H} V ${i * ROW_H + 10 + BOX_H / 2} H ${r.depth * INDENT + 10}`}
            />
          ),
        )}
        {all.map((r, i) => {
          const x = r.depth * INDENT + 10;
          const y = i * ROW_H + 10;
          return (
            <g key={`n${i}`} className={r.node ? stageClass(r.node.stage) : 'spread-root'}>
              <rect x={x} y={y} width={BOX_W} height={BOX_H} rx={6} />
              <text x={x + 10} y={y + 18}>{r.node ? props.countyName(r.node.county) : props.rootLabel}</text>
              {r.node && <text x={x + 10} y={y + 36} className="spread-stage">{t(`stage.${r.node.stage}`, { defaultValue: r.node.stage })}</text>}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
