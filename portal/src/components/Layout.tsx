import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import type { GraphError } from '../graph.ts';
import { useLocale, useT } from '../i18n.ts';
import { session, signOut } from '../session.ts';

/** Who may decide bookings: an owner's users and platform operators (administrators too). */
export function decidesBookings(role: string | undefined): boolean {
  return role === 'ENTERPRISE_USER' || role === 'PLATFORM_OPERATOR' || role === 'ADMIN';
}

export function Layout({ children }: { children: ComponentChildren }) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { path } = useLocation();
  const current = session.value;
  const link = (href: string, label: string) => (
    <a href={href} aria-current={path === href ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <>
      <a class="skip" href="#main">
        {t.skipToContent}
      </a>
      <header class="site-header">
        <a class="brand" href="/">
          {t.siteName}
        </a>
        <nav aria-label={t.siteName}>
          {link('/', t.navSearch)}
          {link('/platforms', t.navPlatforms)}
          {link('/demands', t.navDemands)}
          {link('/coverage', t.coverageNav)}
          {link('/assessments', t.navAssessments)}
          {link('/zones', t.zonesNav)}
          {current && link('/my/bookings', t.navMyBookings)}
          {current && link('/threads', t.navThreads)}
          {current && link('/orders', t.navOrders)}
          {current &&
            (current.claims.role === 'ENTERPRISE_USER' || current.claims.role === 'ADMIN') &&
            link('/vouchers', t.navVouchers)}
          {current && decidesBookings(current.claims.role) && link('/queue', t.navQueue)}
        </nav>
        <div class="header-tools">
          <button
            type="button"
            class="link"
            aria-label={t.languageLabel}
            lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
            onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
          >
            {t.language}
          </button>
          {current ? (
            <>
              <span class="who" title={t.signedInAs}>
                {t.roles[current.claims.role] ?? current.claims.role} ·{' '}
                {current.claims.enterpriseId ?? current.claims.sub}
              </span>
              <button type="button" class="link" onClick={signOut}>
                {t.signOut}
              </button>
            </>
          ) : (
            link('/sign-in', t.signIn)
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** A failure said plainly, with the gateway's code, and a way to try again. */
export function ErrorNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  const t = useT();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="notice error" role="alert">
      <strong>{t.errorTitle}</strong>
      <p>{message}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

/** In place of a page that needs a signed-in user: a link to sign in and come back. */
export function SignInFirst() {
  const t = useT();
  return (
    <p>
      <a href={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t.requiredSignIn}</a>
    </p>
  );
}

/** What went wrong with the last action, where the action is. */
export function FailureNotice({ failure }: { failure: GraphError | undefined }) {
  return failure ? (
    <p class="notice error" role="alert">
      {failure.message}
    </p>
  ) : null;
}

/**
 * A list's filter by one of a few values (a status, mostly), "any" first: the list is read again
 * from its first page when it changes.
 */
export function ChoiceFilter<T extends string>({
  label,
  value,
  choices,
  names,
  onChange,
}: {
  label: string;
  value: T | '';
  choices: readonly T[];
  names: Record<T, string>;
  onChange: (value: T | '') => void;
}) {
  const t = useT();
  return (
    <form class="coverage-controls" onSubmit={(event) => event.preventDefault()}>
      <label>
        {label}
        <select value={value} onChange={(event) => onChange(event.currentTarget.value as T | '')}>
          <option value="">{t.filterAny}</option>
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {names[choice]}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
