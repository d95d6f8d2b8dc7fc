// GraphiQL for the Guizhou equipment graph, served by the gateway from its own dependencies: no
// CDN, so it works with the network cut off. A bearer token typed here is sent with every query.
// A classic script (the page loads React's UMD builds), so its top-level names are the page's.
const { createElement: h, useMemo, useState } = React;
const examples = JSON.parse(document.getElementById('examples').textContent);
const STORAGE = 'gzequip.graphiql.token';

function App() {
  const [token, setToken] = useState(() => localStorage.getItem(STORAGE) ?? '');
  const fetcher = useMemo(
    () =>
      GraphiQL.createFetcher({
        url: new URL('/graphql', window.location.href).href,
        headers: token.trim() ? { authorization: `Bearer ${token.trim()}` } : {},
      }),
    [token],
  );
  const header = h(
    'header',
    { className: 'gz-header' },
    h('strong', null, '贵州装备制造 GraphQL · Guizhou equipment graph'),
    h('label', { htmlFor: 'gz-token' }, 'Bearer token'),
    h('input', {
      id: 'gz-token',
      type: 'password',
      autoComplete: 'off',
      placeholder: 'none: public access (pnpm dev-token --role ADMIN prints one)',
      value: token,
      onChange: (event) => {
        setToken(event.target.value);
        localStorage.setItem(STORAGE, event.target.value);
      },
    }),
  );
  return h(
    'div',
    { className: 'gz-app' },
    header,
    h(GraphiQL, {
      fetcher,
      defaultTabs: examples.map((example) => ({ query: `# ${example.title}\n${example.query}` })),
      shouldPersistHeaders: false,
    }),
  );
}

ReactDOM.createRoot(document.getElementById('graphiql')).render(h(App));
