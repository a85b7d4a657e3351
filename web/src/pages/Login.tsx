import { useState, type FormEvent } from 'react';
import { Button, InlineAlert, RadioButton, RadioButtonGroup } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { navigate, useRoute } from '../router';
import { refreshSession, sessionEnded, signInWithProvider, useSignInOptions } from '../session';

/** The demo users a visitor can sign in as; their labels live in the locale files. */
export const DEMO_USERS = [
  { key: 'vkOffice', user: 'vk-projektitoimisto', role: 'projectOffice', county: 'vantaa-kerava' },
  { key: 'hkiOffice', user: 'hki-projektitoimisto', role: 'projectOffice', county: 'helsinki' },
  { key: 'nationalLeadership', user: 'valtakunnallinen-johto', role: 'leadership', county: '*' },
  { key: 'essoteLeadership', user: 'essote-johto', role: 'leadership', county: 'etela-savo' },
  { key: 'auditor', user: 'tarkastaja', role: 'auditor', county: '*' },
] as const;

export function homeFor(role: string): string {
  if (role === 'projectOffice') return '/pilots';
  if (role === 'auditor') return '/experiments';
  return '/funnel';
}

/** The provider's sign-in when configured; the demo users only in demo mode; both only if both are on. */
export default function Login() {
  const { t } = useTranslation();
  const route = useRoute();
  const { demo, provider } = useSignInOptions();
  const failed = route.query.get('failed');
  return (
    <div className="login">
      <PageHeading focus={false}>{t('login.title')}</PageHeading>
      {sessionEnded() && (
        <InlineAlert status="warning" labelText={t('login.endedTitle')} className="error-alert">
          {t('login.ended')}
        </InlineAlert>
      )}
      {failed && (
        <InlineAlert status="error" labelText={t('login.failed')} className="error-alert" role="alert">
          {t('login.providerFailed')}
        </InlineAlert>
      )}
      {provider && (
        <section aria-labelledby="provider-signin">
          <h2 id="provider-signin">{t('login.providerTitle')}</h2>
          <p className="intro">{t('login.providerIntro')}</p>
          <div className="login-submit">
            <Button onClick={() => signInWithProvider('/')}>{t('login.providerSubmit')}</Button>
          </div>
        </section>
      )}
      {demo && <DemoLogin />}
      {!demo && !provider && <p>{t('login.notConfigured')}</p>}
    </div>
  );
}

function DemoLogin() {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<string>(DEMO_USERS[0].key);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const demo = DEMO_USERS.find((u) => u.key === choice) ?? DEMO_USERS[0];
    setBusy(true);
    setError(null);
    try {
      // The server opens the session cookie; the token in its answer is for scripts, not kept here.
      const result = await api.login(demo.user, demo.role, demo.county);
      await refreshSession();
      navigate(homeFor(result.role));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="demo-signin">
      <h2 id="demo-signin">{t('login.demoTitle')}</h2>
      <p className="intro">{t('login.intro')}</p>
      <form onSubmit={submit}>
        <RadioButtonGroup labelText={t('login.usersLegend')} name="demo-user" value={choice} onChange={setChoice}>
          {DEMO_USERS.map((u) => (
            <RadioButton key={u.key} value={u.key} hintText={t(`login.userHints.${u.key}`)}>
              {t(`login.users.${u.key}`)}
            </RadioButton>
          ))}
        </RadioButtonGroup>
        <ErrorAlert error={error} />
        {/* suomifi's own button styles reset its margin: the spacing sits on a wrapper. */}
        <div className="login-submit">
          <Button type="submit" disabled={busy}>
            {t('login.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
