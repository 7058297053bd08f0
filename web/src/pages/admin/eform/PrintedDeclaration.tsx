import type { FormDefinition } from '@domain/eform/builder';
import { Typography } from 'antd';

/** The declaration as printed: the form's title, each section, each field's label with room to write. */
export function PrintedDeclaration({ def }: { def: FormDefinition }) {
  return (
    <div className="eform-print" data-testid="eform-preview-print">
      <p className="eform-print-head">
        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        <br />
        Độc lập - Tự do - Hạnh phúc
      </p>
      <Typography.Title level={5} style={{ textAlign: 'center', textTransform: 'uppercase' }}>
        {def.title}
      </Typography.Title>
      {def.sections.map((s) => (
        <div key={s.key}>
          <strong>{s.title}</strong>
          {s.fields.map((f) => (
            <div key={f.key} className="eform-print-line">
              {f.label}
              {f.showWhen ? ' (nếu có)' : ''}:{' '}
              {f.kind === 'choice'
                ? (f.options ?? []).map((o) => `☐ ${o}`).join('  ')
                : f.kind === 'yesno'
                  ? '☐ Có  ☐ Không'
                  : '…'.repeat(20)}
              {f.kind === 'group' && (
                <table className="eform-print-table">
                  <thead>
                    <tr>
                      <th>STT</th>
                      {(f.fields ?? []).map((g) => (
                        <th key={g.key}>{g.label}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {[1, 2, 3].map((n) => (
                      <tr key={n}>
                        <td>{n}</td>
                        {(f.fields ?? []).map((g) => (
                          <td key={g.key} />
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
