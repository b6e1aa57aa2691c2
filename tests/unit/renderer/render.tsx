import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Lang } from '../../../shared/contract';
import { setupI18n } from '../../../renderer/src/i18n';
import { resources } from '../../../shared/i18n';

/** Renders a piece of the kiosk view with the real i18n resources. */
export function renderWithI18n(ui: ReactElement, lang: Lang = 'zh-CN') {
  return render(<I18nextProvider i18n={setupI18n(lang, resources)}>{ui}</I18nextProvider>);
}
