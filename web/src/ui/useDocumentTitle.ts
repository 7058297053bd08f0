import { useEffect } from 'react';

/** Sets the tab title ("<page> – Motcua"), which screen readers announce on navigation. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Motcua`;
  }, [title]);
}
