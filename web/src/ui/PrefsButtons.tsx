// Language switch, large-text and high-contrast toggles as plain buttons (usable on the light public pages).
import { setHighContrast, setLang, setLargeText } from '../prefs';
import { usePrefs, useT } from '../i18n';

export function PrefsButtons() {
  const t = useT();
  const { lang, largeText, highContrast } = usePrefs();
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
      <button type="button" aria-pressed={highContrast} onClick={() => setHighContrast(!highContrast)}>
        {t('prefs.highContrast')}
      </button>
    </div>
  );
}
