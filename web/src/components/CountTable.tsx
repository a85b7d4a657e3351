import type { ReactNode } from 'react';
import { useFormat } from '../format';

export interface CountRow { key: string; label: string; value: number | string | null; testId?: string; note?: ReactNode; highlight?: boolean; href?: string }

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
  const numeric = props.format ?? (props.decimals ? fmt.dec : fmt.int);
  // A hidden small count ("< 5") is shown as the server wrote it.
  const format = (v: number | string | null) => (typeof v === 'string' ? v : numeric(v));
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
              {r.href ? <a href={r.href}>{format(r.value)}</a> : format(r.value)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
