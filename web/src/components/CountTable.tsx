import type { ReactNode } from 'react';
import { useFormat } from '../format';

export interface CountRow { key: string; label: string; value: number | null; testId?: string; note?: ReactNode; highlight?: boolean }

/** A two-column table of named figures: the table alternative of a chart, or a figure list. */
export function CountTable(props: {
  caption: string;
  keyHeader: string;
  valueHeader: string;
  rows: CountRow[];
  decimals?: boolean;
  /** Formats the figures instead of `decimals` (e.g. as percentages). */
  format?: (n: number | null) => string;
  captionHidden?: boolean;
  compact?: boolean;
}) {
  const fmt = useFormat();
  const format = props.format ?? (props.decimals ? fmt.dec : fmt.int);
  return (
    <table className={props.compact ? 'data-table compact' : 'data-table'}>
      <caption className={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.keyHeader}</th>
          <th scope="col" className="num">
            {props.valueHeader}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key} className={r.highlight ? 'highlight' : undefined}>
            <th scope="row">
              {r.label}
              {r.note && <> {r.note}</>}
            </th>
            <td className="num" data-testid={r.testId}>
              {format(r.value)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
