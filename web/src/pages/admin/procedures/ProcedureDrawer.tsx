// The procedure open for editing: its information, its e-form (the builder) and the publication of its versions.
import { Drawer, Tabs } from 'antd';
import { api, type Body } from '../../../api/client';
import type { Procedure, ProcedureItem } from '../../../catalogue';
import { useT } from '../../../i18n';
import { EFormBuilder } from '../EFormBuilder';
import { PublicationPanel } from '../PublicationPanel';
import { ProcedureEditor, toForm } from './ProcedureEditor';

type ProcInput = Body<'/api/procedures/{id}', 'put'>;

export function ProcedureDrawer({
  editing,
  draftsSaved,
  onClose,
  onSaved,
  onChanged,
  onDraftSaved,
}: {
  editing: ProcedureItem | null;
  draftsSaved: number;
  onClose: () => void;
  /** The information was saved: a new version in force, still open. */
  onSaved: (p: Procedure) => void;
  /** The procedure changed elsewhere (a version published): the list shows it. */
  onChanged: (p: Procedure) => void;
  onDraftSaved: () => void;
}) {
  const t = useT();
  return (
    <Drawer
      open={!!editing}
      onClose={onClose}
      width={Math.min(1400, window.innerWidth)}
      title={editing ? t('adminProc.editTitle', { code: editing.code }) : ''}
      destroyOnHidden
    >
      {editing && (
        <Tabs
          items={[
            {
              key: 'info',
              label: t('adminProc.tabInfo'),
              children: <ProcedureEditor procedure={editing} onSaved={onSaved} />,
            },
            {
              key: 'eform',
              label: t('adminProc.tabForm'),
              children: (
                <EFormBuilder
                  procedureId={editing.id}
                  formSchema={editing.formSchema}
                  baseInput={{ ...toForm(editing), legalBasis: editing.legalBasis } as ProcInput}
                  onSaved={onDraftSaved}
                />
              ),
            },
            {
              key: 'publish',
              label: t('adminProc.tabPublish'),
              children: (
                <PublicationPanel
                  procedureId={editing.id}
                  reloadKey={draftsSaved}
                  onPublished={() => {
                    void api.GET('/api/procedures/{id}', { params: { path: { id: editing.id } } }).then((r) => {
                      if (r.data) onChanged(r.data);
                    });
                  }}
                />
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
