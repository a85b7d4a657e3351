import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/PageHeading';

/** Saavutettavuusseloste: the accessibility statement the Act on the Provision of Digital Services (306/2019) requires. */
export default function Accessibility() {
  const { t } = useTranslation();
  const gaps = t('a11y.gaps', { returnObjects: true }) as string[];
  return (
    <div className="statement">
      <PageHeading>{t('a11y.title')}</PageHeading>
      <p className="intro">{t('a11y.intro')}</p>
      <h2>{t('a11y.conformanceHeading')}</h2>
      <p>{t('a11y.conformance')}</p>
      <p>{t('a11y.tested')}</p>
      <h2>{t('a11y.gapsHeading')}</h2>
      <ul>{gaps.map((g, i) => <li key={i}>{g}</li>)}</ul>
      <h2>{t('a11y.feedbackHeading')}</h2>
      <p>{t('a11y.feedback')}</p>
      <h2>{t('a11y.authorityHeading')}</h2>
      <p>{t('a11y.authority')}</p>
      <address className="authority">
        {t('a11y.authorityName')}<br />
        <a href="https://www.saavutettavuusvaatimukset.fi/" rel="noopener noreferrer">www.saavutettavuusvaatimukset.fi</a><br />
        <a href="mailto:saavutettavuus@traficom.fi">saavutettavuus@traficom.fi</a><br />
        {t('a11y.authorityPhone')}
      </address>
      <p className="muted">{t('a11y.updated')}</p>
    </div>
  );
}
