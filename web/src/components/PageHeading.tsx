import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { hasNavigated } from '../router';

/** The page's h1; also sets the document title and takes focus after client-side navigation. */
export function PageHeading({ children, focus = true, focusKey }: { children: string; focus?: boolean; focusKey?: string | number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – ${t('app.name')}`;
  }, [children, t]);
  // Focus follows navigation (also from a button that is gone afterwards) and paging (focusKey).
  useEffect(() => {
    if (focus && (hasNavigated() || (document.activeElement && document.activeElement !== document.body))) ref.current?.focus();
  }, [focus, focusKey]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
