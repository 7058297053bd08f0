// Online filing is not built yet: say so plainly and point to the counter, without a fake form.
import { Link, useParams } from 'react-router-dom';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

export default function OnlineFiling() {
  const t = useT();
  const { id = '' } = useParams();
  useDocumentTitle(t('online.title'));
  return (
    <>
      <h1 className="page-title">{t('online.title')}</h1>
      <p className="lead">{t('online.coming')}</p>
      <p>
        <Link className="btn btn-outline" to={`/thu-tuc/${id}`}>
          {t('online.back')}
        </Link>
      </p>
    </>
  );
}
