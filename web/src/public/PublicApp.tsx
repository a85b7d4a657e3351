import { useEffect } from 'react';
import { SkipLink } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from '../App';
import { LANGUAGES } from '../i18n';
import Catalogue from './Catalogue';
import PublicModelPage from './PublicModelPage';
import { FEED_URL } from './publicApi';
import { publicHref, usePublicRoute } from './publicRouter';

/** The public catalogue: no sign-in, its own header without the signed-in navigation. */
export default function PublicApp() {
  const { t, i18n } = useTranslation();
  const { modelId, query } = usePublicRoute();
  const lang = query.get('lang');

  useEffect(() => {
    if (lang && (LANGUAGES as readonly string[]).includes(lang) && i18n.language !== lang) void i18n.changeLanguage(lang);
  }, [lang, i18n]);

  return (
    <>
      <SkipLink href="#main-content">{t('app.skipToContent')}</SkipLink>
      <header className="site-header">
        <div className="header-inner">
          <div className="brand">
            <a href={publicHref()} className="brand-name">
              {t('app.name')}
            </a>
            <span className="brand-tagline">{t('public.catalogueLink')}</span>
          </div>
          <div className="header-tools">
            <LanguagePicker />
            <a href="/">{t('public.signIn')}</a>
          </div>
        </div>
      </header>
      <main id="main-content" tabIndex={-1}>
        {modelId ? <PublicModelPage id={modelId} key={modelId} /> : <Catalogue />}
      </main>
      <footer className="site-footer">
        <p>
          <a href={FEED_URL} type="application/atom+xml">
            {t('public.feed')}
          </a>
        </p>
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
