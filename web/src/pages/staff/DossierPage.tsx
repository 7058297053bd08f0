// One dossier: status, due time and working hours left, applicant, procedure version, components, step timeline,
// history, the forms that exist for it, and the actions: those the server allows now as buttons, those a rule of
// the law forbids disabled with the rule beside them. Each action opens a small form (dossier/ActionDialog).
import { Card, Col, Row } from 'antd';
import type { Action } from '@domain/dossier/lifecycle';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, must } from '../../api/client';
import { useT } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useLoad } from '../../ui/useLoad';
import { ActionDialog } from './dossier/ActionDialog';
import { ActionsCard } from './dossier/ActionsCard';
import { DossierHeader } from './dossier/DossierHeader';
import { FormsCard, HistoryCard } from './dossier/HistoryCards';
import { ComponentsCard, StepsCard } from './dossier/ProgressCards';
import { ApplicantCard, ProcedureCard } from './dossier/RecordCards';
import { DossierFeedback } from '../feedback/DossierFeedback';
import { FormAnswers } from './dossier/FormAnswers';

export default function DossierPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { data: d, error, reload } = useLoad(async () => must(await api.GET('/api/dossiers/{id}', { params: { path: { id } } })), [id]);
  const [action, setAction] = useState<Action | null>(null);
  useDocumentTitle(d ? d.code : t('dossier.title'));

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!d) return <Card loading />;

  return (
    <div className="dossier" data-testid="dossier">
      <p className="crumbs">
        <Link to="/can-bo/ho-so">{t('queues.title')}</Link>
      </p>
      <DossierHeader d={d} />
      <ActionsCard d={d} onPick={setAction} />

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <ApplicantCard d={d} />
        </Col>
        <Col xs={24} xl={12}>
          <ProcedureCard d={d} />
        </Col>
        <Col xs={24} xl={12}>
          <FormAnswers d={d} />
          <ComponentsCard d={d} />
        </Col>
        <Col xs={24} xl={12}>
          <StepsCard d={d} />
        </Col>
        <Col xs={24}>
          <FormsCard d={d} />
        </Col>
        <Col xs={24}>
          <HistoryCard d={d} />
          <DossierFeedback dossierId={d.id} />
        </Col>
      </Row>
      {action && (
        <ActionDialog
          dossier={d}
          action={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            reload();
          }}
          onRefused={reload}
        />
      )}
    </div>
  );
}
