// antd's provider: Vietnamese or English locale (and dayjs locale for the time pickers) and the accessible theme.
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { useEffect, type ReactNode } from 'react';
import { usePrefs } from '../i18n';
import { themeFor } from './theme';

export function AntdRoot({ children }: { children: ReactNode }) {
  const { lang, largeText, highContrast } = usePrefs();
  useEffect(() => {
    dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={themeFor(largeText, highContrast)}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
