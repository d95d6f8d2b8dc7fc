// First: a first visit to a page past the search starts loading it now (routes.ts).
import './routes.ts';
import { render } from 'preact';
import { App } from './app.tsx';
import { renderWithRequestAhead } from './graph.ts';
import { SearchInstruments, searchVariables } from './pages/Search.tsx';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  const renderApp = () => render(<App />, root);
  // A first visit to the search sends its query before the first render, not at its end.
  if (location.pathname === '/') {
    const query = Object.fromEntries(new URLSearchParams(location.search));
    renderWithRequestAhead(SearchInstruments, searchVariables(query), renderApp);
  } else {
    renderApp();
  }
}
