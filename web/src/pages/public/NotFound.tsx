import { Link } from 'react-router-dom';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

export function NotFound() {
  const t = useT();
  useDocumentTitle(t('common.notFound'));
  return (
    <>
      <h1 className="page-title">{t('common.notFound')}</h1>
      <p>
        <Link className="btn" to="/">
          {t('common.backHome')}
        </Link>
      </p>
    </>
  );
}
