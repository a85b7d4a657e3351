import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The page's h1; also sets the document title and takes focus after client-side navigation. */
export function PageHeading({ children, focus = true }: { children: string; focus?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – ${t('app.name')}`;
  }, [children, t]);
  useEffect(() => {
    if (focus && document.activeElement && document.activeElement !== document.body) ref.current?.focus();
  }, [focus]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
