// The e-form an online applicant filled, as a readable form on the staff dossier page: each answer under its
// label (the schema's titles, in the schema's order), groups as headings, and the printed declaration.
import { Card } from 'antd';
import type { Dossier } from '../../../dossiers';
import { useLang } from '../../../i18n';

const TEXT = {
  vi: { title: 'Tờ khai điện tử', print: 'In tờ khai (PDF)' },
  en: { title: 'E-form answers', print: 'Print the declaration (PDF)' },
} as const;

export function FormAnswers({ d }: { d: Pick<Dossier, 'id' | 'formAnswers'> }) {
  const L = TEXT[useLang()];
  const f = d.formAnswers;
  if (!f) return null;
  return (
    <Card
      title={<h2 className="card-title">{`${L.title}: ${f.title}`}</h2>}
      extra={
        <a href={`/api/dossiers/${d.id}/forms/declaration.pdf`} target="_blank" rel="noreferrer" data-testid="declaration-pdf">
          {L.print}
        </a>
      }
      style={{ marginBottom: 16 }}
    >
      <dl className="form-answers" data-testid="form-answers" style={{ margin: 0 }}>
        {f.items.map((i) =>
          i.value === null ? (
            <dt key={i.path} style={{ fontWeight: 600, marginTop: 8, paddingLeft: i.depth * 16 }}>
              {i.label}
            </dt>
          ) : (
            <div key={i.path} style={{ display: 'flex', gap: 8, paddingLeft: i.depth * 16, flexWrap: 'wrap' }}>
              <dt className="muted" style={{ minWidth: 200 }}>
                {i.label}
              </dt>
              <dd style={{ margin: 0, fontWeight: 500 }}>{i.value}</dd>
            </div>
          ),
        )}
      </dl>
    </Card>
  );
}
