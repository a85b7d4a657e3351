import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SuomifiThemeProvider } from 'suomifi-ui-components';
import '@fontsource/source-sans-3/latin-400.css';
import '@fontsource/source-sans-3/latin-600.css';
import '@fontsource/source-sans-3/latin-700.css';
import './i18n';
import './styles.css';
import App from './App';
import PublicApp from './public/PublicApp';
import { isPublicPath } from './public/publicRouter';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SuomifiThemeProvider theme={{}}>{isPublicPath(window.location.pathname) ? <PublicApp /> : <App />}</SuomifiThemeProvider>
  </StrictMode>,
);
