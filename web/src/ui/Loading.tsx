import { useT } from '../i18n';

/** A plain (antd-free) loading line for Suspense fallbacks. */
export function Loading({ full = false }: { full?: boolean }) {
  const t = useT();
  return (
    <div className="spinner" role="status" aria-live="polite" style={full ? { padding: 48, textAlign: 'center' } : undefined}>
      {t('common.loading')}
    </div>
  );
}
