import { lazy, Suspense, useEffect } from 'react';
import { Button, LanguageMenu, LanguageMenuItem, SkipLink } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { AsOfBanner, parseAt } from './components/AsOfPicker';
import { LiveRegionProvider } from './components/LiveRegion';
import { PageHeading } from './components/PageHeading';
import { SinceLastVisit } from './components/SinceLastVisit';
import Counties from './dashboards/Counties';
import Factors from './dashboards/Factors';
import Funnel from './dashboards/Funnel';
import Goals from './dashboards/Goals';
import Participation from './dashboards/Participation';
import Pilots from './dashboards/Pilots';
import { LANGUAGES } from './i18n';
import Audit from './pages/Audit';
import Experiment from './pages/Experiment';
import ExperimentsList from './pages/ExperimentsList';
import Login, { homeFor } from './pages/Login';
import Accessibility from './pages/Accessibility';
import Project from './pages/Project';
import ProjectsList from './pages/ProjectsList';
import { Loading } from './components/Status';

// The forms are loaded with the first form opened, not with the dashboards.
const ExperimentFormPage = lazy(() => import('./forms/ExperimentFormPage'));
const ProposeForm = lazy(() => import('./forms/ProjectForms').then((m) => ({ default: m.ProposeForm })));
const RegisterProjectForm = lazy(() => import('./forms/ProjectForms').then((m) => ({ default: m.RegisterProjectForm })));
const ProjectFormPage = lazy(() => import('./forms/ProjectForms').then((m) => ({ default: m.ProjectFormPage })));
import { href, navigate, useRoute } from './router';
import { refreshSession, signOut, useSession, useSessionKnown, type Session } from './session';
import { disconnect } from './signalr';
import { useCountyName } from './data';

const NAV = [
  { path: 'funnel', key: 'nav.funnel', national: false },
  { path: 'pilots', key: 'nav.pilots', national: false },
  { path: 'participation', key: 'nav.participation', national: false },
  { path: 'goals', key: 'nav.goals', national: false },
  { path: 'factors', key: 'nav.factors', national: false },
  { path: 'counties', key: 'nav.counties', national: true },
  { path: 'experiments', key: 'nav.experiments', national: false },
  { path: 'projects', key: 'nav.projects', national: false },
] as const;

/** The tabs whose figures can be shown as of a past moment: the moment goes with the user between them. */
const DASHBOARDS = ['funnel', 'pilots', 'participation', 'goals', 'factors', 'counties'];

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <LanguageMenu buttonText={t(`languages.${i18n.language}`)} aria-label={t('app.languageMenu', { current: t(`languages.${i18n.language}`) })} className="language-menu">
      {LANGUAGES.map((lng) => (
        <LanguageMenuItem key={lng} lang={lng} selected={i18n.language === lng} onSelect={() => void i18n.changeLanguage(lng)}>
          {t(`languages.${lng}`)}
        </LanguageMenuItem>
      ))}
    </LanguageMenu>
  );
}

/** Signed in, but the sign-in carries no role or county ProjectLedger accepts: say why, in the UI's language. */
function AccessRefused({ session }: { session: Session }) {
  const { t } = useTranslation();
  const code = session.refusal?.code ?? 'forbidden';
  return (
    <>
      <PageHeading>{t('app.accessRefusedTitle')}</PageHeading>
      <p data-testid="access-refused">{t(`errors.codes.${code}`, { defaultValue: session.refusal?.detail ?? t('errors.forbidden') })}</p>
    </>
  );
}

function Page() {
  const { t } = useTranslation();
  const route = useRoute();
  const session = useSession();
  const known = useSessionKnown();
  const [first, second, third, fourth] = route.segments;

  useEffect(() => {
    if (session && !session.refusal && (!first || first === 'login')) navigate(homeFor(session.role));
  }, [session, first]);

  if (first === 'accessibility') return <Accessibility />;
  if (!known) return null;
  if (!session) return <Login />;
  if (session.refusal) return <AccessRefused session={session} />;
  switch (first) {
    case 'funnel':
      return <Funnel />;
    case 'pilots':
      return <Pilots />;
    case 'participation':
      return <Participation />;
    case 'goals':
      return <Goals />;
    case 'factors':
      return <Factors />;
    case 'counties':
      return <Counties />;
    case 'experiments':
      if (second === 'new') return <ProposeForm key={route.query.get('projectId') ?? ''} />;
      if (second && third === 'do' && fourth) return <ExperimentFormPage id={second} slug={fourth} key={`${second}/${fourth}`} />;
      return second ? <Experiment id={second} key={second} /> : <ExperimentsList />;
    case 'projects':
      if (second === 'new') return <RegisterProjectForm />;
      if (second && (third === 'goals' || third === 'close')) return <ProjectFormPage id={second} kind={third} key={`${second}/${third}`} />;
      return second ? <Project id={second} key={second} /> : <ProjectsList />;
    case 'audit':
      if (second) return <Audit id={second} key={second} />;
      break;
    case undefined:
    case 'login':
      return null;
  }
  return (
    <>
      <PageHeading>{t('app.notFound')}</PageHeading>
      <p>{t('app.notFoundBody')}</p>
      <p>
        <a href={href(homeFor(session.role))}>{t('app.toFrontPage')}</a>
      </p>
    </>
  );
}

/** Its own component, so that the counties (for the county's name) are fetched only once someone is signed in. */
function SignedInAs({ session }: { session: Session }) {
  const { t } = useTranslation();
  const countyName = useCountyName();
  return (
    <span className="signed-in" data-testid="signed-in">
      {t('app.loggedInAs', {
        user: session.name || session.user,
        role: t(`roles.${session.role}`, { defaultValue: session.role }),
        county: session.county === '*' ? t('app.allCountiesScope') : countyName(session.county),
      })}
    </span>
  );
}

export default function App() {
  const { t } = useTranslation();
  const session = useSession();
  const route = useRoute();
  const current = route.segments[0];
  const at = parseAt(route.query.get('at'));
  const national = session?.county === '*' || session?.role === 'auditor' || session?.role === 'admin';

  // Who is signed in lives in the server's session cookie: ask once at start.
  useEffect(() => {
    void refreshSession();
  }, []);

  function logout() {
    void disconnect();
    signOut();
  }

  return (
    <LiveRegionProvider>
      {/* The app routes on the hash, so the skip link moves focus itself instead of changing it. */}
      <SkipLink
        href="#main-content"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </SkipLink>
      <header className="site-header">
        <div className="header-inner">
          <div className="brand">
            <a href={href(session ? homeFor(session.role) : '/login')} className="brand-name">
              {t('app.name')}
            </a>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </div>
          <div className="header-tools">
            <LanguagePicker />
            {session && (
              <>
                <SignedInAs session={session} />
                <Button variant="secondary" onClick={logout}>
                  {t('app.logout')}
                </Button>
              </>
            )}
          </div>
        </div>
        {session && !session.refusal && (
          <nav aria-label={t('app.mainNav')} className="main-nav">
            <ul>
              {NAV.filter((n) => national || !n.national).map((n) => {
                const active = current === n.path || (n.path === 'experiments' && current === 'audit');
                return (
                  <li key={n.path}>
                    <a href={href(`/${n.path}`, DASHBOARDS.includes(n.path) ? { at } : undefined)} aria-current={active ? 'page' : undefined} className={active ? 'active' : undefined}>
                      {t(n.key)}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
        {session && <AsOfBanner />}
      </header>
      <main id="main-content" tabIndex={-1}>
        {session && !session.refusal && <SinceLastVisit user={session.user} />}
        <Suspense fallback={<Loading />}>
          <Page />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          {t('app.footer')} · <a href={href('/accessibility')} data-testid="accessibility-link">{t('app.accessibility')}</a>
        </p>
      </footer>
    </LiveRegionProvider>
  );
}
