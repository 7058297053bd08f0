// antd theme: 16px base text (20px in large-text mode), 44px controls, a primary blue with 8:1 contrast on white,
// and secondary text colours darkened so that they still pass WCAG AA (antd's defaults are around 3:1).
import type { ThemeConfig } from 'antd';

export const PRIMARY = '#0b4f9c';

export function themeFor(largeText: boolean): ThemeConfig {
  const fontSize = largeText ? 20 : 16;
  return {
    token: {
      colorPrimary: PRIMARY,
      colorLink: PRIMARY,
      colorInfo: PRIMARY,
      colorError: '#b42318',
      colorSuccess: '#2c6e12',
      colorWarning: '#9a5b00',
      colorText: 'rgba(0, 0, 0, 0.88)',
      colorTextSecondary: 'rgba(0, 0, 0, 0.7)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.64)',
      colorTextDescription: 'rgba(0, 0, 0, 0.7)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
      colorTextLabel: 'rgba(0, 0, 0, 0.8)',
      colorBorder: '#8c8c8c',
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
        itemSelectedColor: '#083b75',
        itemHoverBg: '#f0f4f9',
        groupTitleColor: 'rgba(0, 0, 0, 0.7)',
      },
      Alert: { colorInfoBg: '#eef4fb', colorInfoBorder: '#a9c6ea' },
      Table: { cellPaddingBlock: 12 },
      Layout: { headerBg: PRIMARY, siderBg: '#ffffff', bodyBg: '#f4f6f9' },
    },
  };
}
