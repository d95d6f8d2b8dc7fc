import { useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router } from 'preact-iso';
import { Layout } from './components/Layout.tsx';
import { initialLocale, type Locale, LocaleContext, rememberLocale, useT } from './i18n.ts';
import { Search } from './pages/Search.tsx';
import { pages } from './routes.ts';

function NotFound() {
  const t = useT();
  return (
    <section>
      <p>{t.notFound}</p>
      <a href="/">{t.home}</a>
    </section>
  );
}

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale());
  const setLocale = (next: Locale) => {
    rememberLocale(next);
    setLocaleState(next);
  };
  rememberLocale(locale);
  return (
    <LocaleContext.Provider value={{ locale, setLocale }}>
      <LocationProvider>
        <ErrorBoundary>
          <Layout>
            <Router>
              <Route path="/" component={Search} />
              {pages.map(({ path, component }) => (
                <Route key={path} path={path} component={component} />
              ))}
              <Route default component={NotFound} />
            </Router>
          </Layout>
        </ErrorBoundary>
      </LocationProvider>
    </LocaleContext.Provider>
  );
}
