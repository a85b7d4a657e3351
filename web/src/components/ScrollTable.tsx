import type { ReactNode } from 'react';

/**
 * A wide table in a horizontally scrollable region that keyboard users can focus and scroll,
 * named by the table's caption (`captionId`).
 */
export function ScrollTable(props: {
  captionId: string;
  caption: string;
  captionHidden?: boolean;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={props.captionId} tabIndex={0}>
      <table className={`data-table wide${props.className ? ` ${props.className}` : ''}`} data-testid={props.testId}>
        <caption id={props.captionId} className={props.captionHidden ? 'visually-hidden' : undefined}>
          {props.caption}
        </caption>
        {props.children}
      </table>
    </div>
  );
}
