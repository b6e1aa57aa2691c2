import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createClient } from './client';
import { setupI18n } from './i18n';
import { lockDownPage } from './page-lockdown';
import './styles.css';

// The token has done its job (the server set a cookie); keep it out of the address bar.
if (window.location.search.includes('token=')) window.history.replaceState(null, '', window.location.pathname);

lockDownPage(window);

const i18n = setupI18n();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App createClient={createClient} />
      </I18nextProvider>
    </StrictMode>,
  );
}
