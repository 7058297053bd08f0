// The browser's check of a field, in the UI language.
import type { PT } from '../../../i18n/portal';
import type { Issue } from '../../../portal/schema';

export function issueText(issue: Issue, t: PT): string {
  switch (issue.kind) {
    case 'required':
      return issue.choice ? t('p.err.choose') : t('p.err.required');
    case 'digits':
      return t('p.err.digits', { n: issue.n });
    case 'phone':
      return t('p.err.phone');
    case 'pattern':
      return t('p.err.pattern');
    case 'date':
      return t('p.err.date');
    case 'future-date':
      return t('p.err.futureDate');
    case 'number':
      return t('p.err.number');
    case 'min':
      return t('p.err.min', { n: issue.n });
    case 'max':
      return t('p.err.max', { n: issue.n });
    case 'max-length':
      return t('p.err.maxLength', { n: issue.n });
  }
}
