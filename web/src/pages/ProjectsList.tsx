import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/PageHeading';
import { useCountyName, useProjects } from '../data';
import { href } from '../router';
import { boundCounty, useSession } from '../session';

/** The projects (hankkeet) the user sees, and "Rekisteröi hanke" for those who write. */
export default function ProjectsList() {
  const { t } = useTranslation();
  const session = useSession();
  const countyName = useCountyName();
  const projects = useProjects(boundCounty(session) ?? undefined);
  const writes = session?.role === 'projectOffice' || session?.role === 'admin';
  return (
    <>
      <PageHeading>{t('projects.title')}</PageHeading>
      <p className="intro">{t('projects.intro')}</p>
      {writes && (
        <ul className="action-list">
          <li><a className="action-link" href={href('/projects/new')}>{t('actions.registerProject')}</a></li>
        </ul>
      )}
      {projects.length === 0 ? (
        <p>{t('projects.none')}</p>
      ) : (
        <ul className="project-list" data-testid="project-list">
          {projects.map((p) => (
            <li key={p.id}>
              <a href={href(`/projects/${p.id}`)}>{p.name}</a> <span className="muted">– {countyName(p.county)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
