// Language switch and large-text toggle as plain buttons (usable on the light public pages).
import { setLang, setLargeText } from '../prefs';
import { usePrefs, useT } from '../i18n';

export function PrefsButtons() {
  const t = useT();
  const { lang, largeText } = usePrefs();
  return (
    <div className="pub-tools">
      <button
        type="button"
        lang={lang === 'vi' ? 'en' : 'vi'}
        aria-label={t('prefs.switchLangLabel')}
        onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
      >
        {t('prefs.switchLang')}
      </button>
      <button type="button" aria-pressed={largeText} onClick={() => setLargeText(!largeText)}>
        {t('prefs.largeText')}
      </button>
    </div>
  );
}
