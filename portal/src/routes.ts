/**
 * The pages past the search, by address, each loaded when first visited: the search ships alone.
 * main.tsx imports this module before anything else, so a first visit to one of these pages starts
 * loading it while the rest of the portal's script is still being evaluated, not at the first render.
 */
import { lazy } from 'preact-iso';
import { exec } from 'preact-iso/router';

export const pages = [
  { path: '/instruments/:id', component: lazy(() => import('./pages/Instrument.tsx').then((m) => m.Instrument)) },
  { path: '/my/bookings', component: lazy(() => import('./pages/Bookings.tsx').then((m) => m.MyBookingsPage)) },
  { path: '/queue', component: lazy(() => import('./pages/Bookings.tsx').then((m) => m.QueuePage)) },
  { path: '/platforms', component: lazy(() => import('./pages/Platforms.tsx').then((m) => m.PlatformSearch)) },
  { path: '/platforms/:id', component: lazy(() => import('./pages/Platforms.tsx').then((m) => m.Platform)) },
  { path: '/threads', component: lazy(() => import('./pages/Threads.tsx').then((m) => m.ThreadsPage)) },
  { path: '/threads/:id', component: lazy(() => import('./pages/Threads.tsx').then((m) => m.ThreadPageView)) },
  { path: '/vouchers', component: lazy(() => import('./pages/Vouchers.tsx').then((m) => m.VouchersPage)) },
  { path: '/orders', component: lazy(() => import('./pages/Orders.tsx').then((m) => m.OrdersPage)) },
  { path: '/demands', component: lazy(() => import('./pages/Demands.tsx').then((m) => m.DemandsPage)) },
  { path: '/demands/:id', component: lazy(() => import('./pages/Demands.tsx').then((m) => m.Demand)) },
  { path: '/coverage', component: lazy(() => import('./pages/Coverage.tsx').then((m) => m.CoveragePage)) },
  { path: '/assessments', component: lazy(() => import('./pages/Assessments.tsx').then((m) => m.AssessmentsPage)) },
  { path: '/zones', component: lazy(() => import('./pages/Zones.tsx').then((m) => m.ZonesPage)) },
  { path: '/zones/:id', component: lazy(() => import('./pages/Zones.tsx').then((m) => m.Zone)) },
  { path: '/sign-in', component: lazy(() => import('./pages/SignIn.tsx').then((m) => m.SignIn)) },
];

// The router matches the same way (exec is preact-iso's own matcher).
pages.find((page) => exec(location.pathname, page.path))?.component.preload();
