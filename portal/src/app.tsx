import { useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, Route, Router } from 'preact-iso';
import { Layout } from './components/Layout.tsx';
import { initialLocale, type Locale, LocaleContext, rememberLocale, useT } from './i18n.ts';
import { Search } from './pages/Search.tsx';

// Pages past the first are loaded when first visited: the search page ships alone.
const Instrument = lazy(() => import('./pages/Instrument.tsx').then((m) => m.Instrument));
const MyBookingsPage = lazy(() => import('./pages/Bookings.tsx').then((m) => m.MyBookingsPage));
const QueuePage = lazy(() => import('./pages/Bookings.tsx').then((m) => m.QueuePage));
const PlatformSearch = lazy(() => import('./pages/Platforms.tsx').then((m) => m.PlatformSearch));
const Platform = lazy(() => import('./pages/Platforms.tsx').then((m) => m.Platform));
const ThreadsPage = lazy(() => import('./pages/Threads.tsx').then((m) => m.ThreadsPage));
const ThreadPageView = lazy(() => import('./pages/Threads.tsx').then((m) => m.ThreadPageView));
const AssessmentsPage = lazy(() => import('./pages/Assessments.tsx').then((m) => m.AssessmentsPage));
const VouchersPage = lazy(() => import('./pages/Vouchers.tsx').then((m) => m.VouchersPage));
const OrdersPage = lazy(() => import('./pages/Orders.tsx').then((m) => m.OrdersPage));
const DemandsPage = lazy(() => import('./pages/Demands.tsx').then((m) => m.DemandsPage));
const Demand = lazy(() => import('./pages/Demands.tsx').then((m) => m.Demand));
const CoveragePage = lazy(() => import('./pages/Coverage.tsx').then((m) => m.CoveragePage));
const ZonesPage = lazy(() => import('./pages/Zones.tsx').then((m) => m.ZonesPage));
const Zone = lazy(() => import('./pages/Zones.tsx').then((m) => m.Zone));
const SignIn = lazy(() => import('./pages/SignIn.tsx').then((m) => m.SignIn));

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
              <Route path="/instruments/:id" component={Instrument} />
              <Route path="/my/bookings" component={MyBookingsPage} />
              <Route path="/queue" component={QueuePage} />
              <Route path="/platforms" component={PlatformSearch} />
              <Route path="/platforms/:id" component={Platform} />
              <Route path="/threads" component={ThreadsPage} />
              <Route path="/threads/:id" component={ThreadPageView} />
              <Route path="/vouchers" component={VouchersPage} />
              <Route path="/orders" component={OrdersPage} />
              <Route path="/demands" component={DemandsPage} />
              <Route path="/demands/:id" component={Demand} />
              <Route path="/coverage" component={CoveragePage} />
              <Route path="/assessments" component={AssessmentsPage} />
              <Route path="/zones" component={ZonesPage} />
              <Route path="/zones/:id" component={Zone} />
              <Route path="/sign-in" component={SignIn} />
              <Route default component={NotFound} />
            </Router>
          </Layout>
        </ErrorBoundary>
      </LocationProvider>
    </LocaleContext.Provider>
  );
}
