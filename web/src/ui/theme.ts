// antd theme: 16px base text (20px in large-text mode), 44px controls, a primary blue with 8:1 contrast on white,
// and secondary text colours darkened so that they still pass WCAG AA (antd's defaults are around 3:1).
// High contrast: black text, a darker blue (11:1), every text colour at 7:1 or more, black borders.
import type { ThemeConfig } from 'antd';

export const PRIMARY = '#0b4f9c';

const HC_PRIMARY = '#083b75';

export function themeFor(largeText: boolean, highContrast = false): ThemeConfig {
  const fontSize = largeText ? 20 : 16;
  const primary = highContrast ? HC_PRIMARY : PRIMARY;
  return {
    token: {
      colorPrimary: primary,
      colorLink: primary,
      colorInfo: primary,
      colorError: highContrast ? '#8a1c12' : '#b42318',
      colorSuccess: highContrast ? '#1d5c0a' : '#2c6e12',
      colorWarning: highContrast ? '#6b3d00' : '#9a5b00',
      colorText: highContrast ? '#000000' : 'rgba(0, 0, 0, 0.88)',
      colorTextSecondary: highContrast ? '#1f1f1f' : 'rgba(0, 0, 0, 0.7)',
      colorTextTertiary: highContrast ? '#262626' : 'rgba(0, 0, 0, 0.64)',
      colorTextDescription: highContrast ? '#1f1f1f' : 'rgba(0, 0, 0, 0.7)',
      colorTextPlaceholder: highContrast ? '#4a4a4a' : 'rgba(0, 0, 0, 0.6)',
      colorTextLabel: highContrast ? '#000000' : 'rgba(0, 0, 0, 0.8)',
      colorTextHeading: highContrast ? '#000000' : 'rgba(0, 0, 0, 0.88)',
      colorBorder: highContrast ? '#000000' : '#8c8c8c',
      ...(highContrast ? { colorBorderSecondary: '#595959', colorBgLayout: '#ffffff', colorLinkHover: '#002a57' } : {}),
      fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif",
      fontSize,
      fontSizeSM: largeText ? 18 : 14,
      fontSizeLG: largeText ? 22 : 18,
      fontSizeHeading1: largeText ? 36 : 30,
      fontSizeHeading2: largeText ? 30 : 24,
      fontSizeHeading3: largeText ? 26 : 20,
      fontSizeHeading4: largeText ? 22 : 18,
      controlHeight: largeText ? 52 : 44,
      controlHeightLG: largeText ? 56 : 48,
      controlHeightSM: largeText ? 44 : 36,
      borderRadius: 6,
      lineWidthFocus: 3,
      // Selected and hovered items: light tints (the defaults derived from a dark primary look grey).
      controlItemBgActive: '#e3edf9',
      controlItemBgActiveHover: '#d4e4f7',
      controlItemBgHover: '#f0f4f9',
    },
    components: {
      Menu: {
        itemHeight: largeText ? 56 : 48,
        itemMarginInline: 8,
        iconSize: fontSize,
        itemSelectedBg: '#e3edf9',
        itemSelectedColor: highContrast ? '#000000' : '#083b75',
        itemColor: highContrast ? '#000000' : 'rgba(0, 0, 0, 0.88)',
        itemHoverBg: '#f0f4f9',
        groupTitleColor: highContrast ? '#1f1f1f' : 'rgba(0, 0, 0, 0.7)',
      },
      Alert: highContrast
        ? { colorInfoBg: '#ffffff', colorInfoBorder: '#000000', colorText: '#000000' }
        : { colorInfoBg: '#eef4fb', colorInfoBorder: '#a9c6ea' },
      Table: highContrast ? { cellPaddingBlock: 12, headerColor: '#000000', borderColor: '#595959' } : { cellPaddingBlock: 12 },
      Layout: { headerBg: highContrast ? '#000000' : PRIMARY, siderBg: '#ffffff', bodyBg: highContrast ? '#ffffff' : '#f4f6f9' },
    },
  };
}
