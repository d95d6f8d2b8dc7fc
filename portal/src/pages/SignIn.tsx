import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ErrorNotice } from '../components/Layout.tsx';
import { portalConfig } from '../graph.ts';
import { useLocale, useT } from '../i18n.ts';
import { signIn } from '../session.ts';

interface Identity {
  role: string;
  sub: string;
  enterpriseId?: string;
  platformIds?: string[];
}

/** Identities of the demo data a newcomer can try at once. */
const PRESETS: { label: [string, string]; identity: Identity }[] = [
  {
    label: ['中小企业用户（遵义贵鑫液压科技）', 'SME user (Zunyi Guixin Hydraulics)'],
    identity: { role: 'ENTERPRISE_USER', sub: 'sme-user', enterpriseId: 'ent-029' },
  },
  {
    label: ['仪器所有者（遵义汽车零部件质量检测）', 'Instrument owner (Zunyi Auto Parts Testing)'],
    identity: { role: 'ENTERPRISE_USER', sub: 'owner-user', enterpriseId: 'ent-025' },
  },
  {
    label: [
      '平台运营者（贵州省航空装备检验检测公共服务平台）',
      'Platform operator (Guizhou aviation testing platform)',
    ],
    identity: { role: 'PLATFORM_OPERATOR', sub: 'operator-plt-01', platformIds: ['plt-01'] },
  },
  { label: ['评估人员', 'Assessor'], identity: { role: 'ASSESSOR', sub: 'assessor' } },
  { label: ['管理员', 'Administrator'], identity: { role: 'ADMIN', sub: 'admin' } },
];

/**
 * Development sign-in: the portal's server mints a token for the identity chosen (only when it
 * was started for development). In production tokens come from the identity provider.
 */
export function SignIn() {
  const t = useT();
  const english = useLocale().locale === 'en';
  const { query, route } = useLocation();
  const [identity, setIdentity] = useState<Identity>({ role: 'ENTERPRISE_USER', sub: 'user', enterpriseId: '' });
  const [failure, setFailure] = useState<unknown>();
  const [pasted, setPasted] = useState('');
  const next = query.next?.startsWith('/') && !query.next.startsWith('//') ? query.next : '/';
  // An identity provider sends the user back with the token in the fragment (never sent to a server).
  const returned = new URLSearchParams(location.hash.slice(1)).get('access_token');
  useEffect(() => {
    if (!returned) return;
    history.replaceState(null, '', location.pathname + location.search);
    if (signIn(returned)) route(next);
    else setFailure(new Error(t.tokenUnreadable));
  }, [returned, next, route, t]);
  const tokenForm = (
    <form
      class="token-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (signIn(pasted.trim())) route(next);
        else setFailure(new Error(t.tokenUnreadable));
      }}
    >
      <label>
        {t.tokenLabel}
        <textarea required value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} />
      </label>
      <button type="submit">{t.signInSubmit}</button>
    </form>
  );
  if (!portalConfig().devSignIn) {
    return (
      <section>
        <h1>{t.signIn}</h1>
        <p>{t.signInProduction}</p>
        {failure ? <ErrorNotice error={failure} /> : null}
        {tokenForm}
      </section>
    );
  }
  const use = async (chosen: Identity) => {
    setFailure(undefined);
    try {
      const response = await fetch('/dev/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chosen),
      });
      const answer = (await response.json()) as { token?: string; error?: string };
      if (!response.ok || !answer.token) throw new Error(answer.error ?? `sign-in answered ${response.status}`);
      if (!signIn(answer.token)) throw new Error('The token could not be read');
      route(next);
    } catch (caught) {
      setFailure(caught);
    }
  };
  return (
    <section class="sign-in">
      <h1>{t.signInTitle}</h1>
      <p>{t.signInExplain}</p>
      {failure ? <ErrorNotice error={failure} /> : null}
      <h2>{t.presets}</h2>
      <ul class="presets">
        {PRESETS.map((preset) => (
          <li key={preset.identity.sub}>
            <button type="button" onClick={() => use(preset.identity)}>
              {english ? preset.label[1] : preset.label[0]}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          use(identity);
        }}
      >
        <label>
          {t.role}
          <select value={identity.role} onChange={(e) => setIdentity({ ...identity, role: e.currentTarget.value })}>
            {Object.entries(t.roles).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.userName}
          <input
            required
            value={identity.sub}
            onInput={(e) => setIdentity({ ...identity, sub: e.currentTarget.value })}
          />
        </label>
        <label>
          {t.enterpriseId}
          <input
            value={identity.enterpriseId ?? ''}
            placeholder="ent-029"
            onInput={(e) => setIdentity({ ...identity, enterpriseId: e.currentTarget.value })}
          />
        </label>
        <label>
          {t.platformIds}
          <input
            placeholder="plt-01"
            value={(identity.platformIds ?? []).join(',')}
            onInput={(e) =>
              setIdentity({
                ...identity,
                platformIds: e.currentTarget.value
                  .split(',')
                  .map((id) => id.trim())
                  .filter(Boolean),
              })
            }
          />
        </label>
        <button type="submit">{t.signInSubmit}</button>
      </form>
      <h2>{t.tokenTitle}</h2>
      {tokenForm}
    </section>
  );
}
