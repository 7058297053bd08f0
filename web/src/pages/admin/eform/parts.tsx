// Small pieces of the e-form builder: the JSON import button, the move/remove buttons of a node, a labelled property.
import { Button } from 'antd';
import { useRef, type ReactNode } from 'react';
import type { useT } from '../../../i18n';

export type T = ReturnType<typeof useT>;

export function ImportButton({ onFile, label }: { onFile: (f: File) => void; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button onClick={() => ref.current?.click()}>{label}</Button>
      <input
        ref={ref}
        type="file"
        accept="application/json,.json"
        data-testid="eform-import-file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onFile(f);
          e.target.value = '';
        }}
      />
    </>
  );
}

export function NodeButtons({ onUp, onDown, onRemove, t }: { onUp: () => void; onDown: () => void; onRemove: () => void; t: T }) {
  return (
    <>
      <Button size="small" onClick={onUp} aria-label={t('eform.up')}>
        ↑
      </Button>
      <Button size="small" onClick={onDown} aria-label={t('eform.down')}>
        ↓
      </Button>
      <Button size="small" danger onClick={onRemove} aria-label={t('eform.remove')}>
        ✕
      </Button>
    </>
  );
}

export function Prop({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="eform-label">
      <span>{label}</span>
      {children}
    </label>
  );
}
