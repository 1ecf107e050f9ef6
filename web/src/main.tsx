import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ok, session, type Identity } from './api';
import { Backlog } from './backlog';
import { Board } from './board';
import { MissionPage, type Settings } from './mission';
import { Ops } from './ops';
import { ErrorBox } from './parts';
import { Program } from './program';
import { navigate, onLinkClick, useLocation } from './router';
import { finishSignIn, isCallback, startSignIn, type OidcSettings } from './oidc';
import { StartMission } from './start';
import './style.css';

const MAY_START = ['platform', 'manager'];

function SignIn({ onSignedIn, oidc, failure }: { onSignedIn: (me: Identity) => void; oidc: OidcSettings | null; failure: unknown }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    session.signIn(key.trim());
    try {
      onSignedIn(await ok(api.GET('/identity')));
    } catch (err) {
      session.signOut();
      setError(err);
    }
  };
  return (
    <main class="sign-in">
      <h1>Sign in to capeo</h1>
      <ErrorBox error={failure} />
      {oidc && (
        <p>
          <button type="button" onClick={() => startSignIn(oidc, location.pathname === '/' ? '/ui' : `${location.pathname}${location.search}`).catch(setError)}>
            Sign in with single sign-on
          </button>
        </p>
      )}
      <form onSubmit={submit}>
        <div class="field">
          <label for="api-key">API key</label>
          <input id="api-key" type="password" autocomplete="off" value={key} onInput={(e) => setKey((e.currentTarget as HTMLInputElement).value)} />
          <small class="hint">Kept in this tab's session storage only; closing the tab signs you out.</small>
        </div>
        <button type="submit" disabled={!key.trim()}>
          Sign in
        </button>
        <ErrorBox error={error} />
      </form>
    </main>
  );
}

function App() {
  const url = useLocation();
  const [me, setMe] = useState<Identity | null>(null);
  const [checked, setChecked] = useState(false);
  const [settings, setSettings] = useState<Settings & { oidc: OidcSettings | null }>({ temporalUiUrl: null, namespace: 'default', oidc: null });
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    (async () => {
      const s = (await fetch('/ui/assets/settings.json').then((r) => r.json())) as typeof settings;
      setSettings(s);
      if (isCallback(new URL(location.href))) {
        if (!s.oidc) throw new Error('single sign-on is not configured');
        const { token, returnTo } = await finishSignIn(s.oidc, new URL(location.href));
        session.signIn(token);
        navigate(returnTo, true);
      }
      if (session.key()) setMe(await ok(api.GET('/identity')));
    })()
      .catch((err) => {
        session.signOut();
        if (isCallback(new URL(location.href))) navigate('/ui', true);
        setFailure(err);
      })
      .finally(() => setChecked(true));
  }, []);

  if (!checked) return <main role="status">Loading…</main>;
  if (!me) return <SignIn onSignedIn={setMe} oidc={settings.oidc} failure={failure} />;
  const page = url.pathname.replace(/\/+$/, '') || '/';
  const mission = /^\/ui\/missions\/([^/]+)$/.exec(page);
  let body;
  if (mission) body = <MissionPage key={mission[1]} id={decodeURIComponent(mission[1]!)} me={me} settings={settings} />;
  else if (page === '/ui/ops') body = <Ops />;
  else if (page === '/ui/start') body = <StartMission me={me} />;
  else if (page === '/ui/backlog') body = <Backlog me={me} />;
  else if (page === '/ui/program') body = <Program />;
  else body = <Board url={url} />;
  return (
    <>
      <a class="skip" href="#content">
        Skip to content
      </a>
      <header class="top">
        <nav aria-label="capeo">
          <a href="/ui" class="brand">
            capeo
          </a>
          <a href="/ui">Board</a>
          <a href="/ui/ops">Ops</a>
          <a href="/ui/backlog">Backlog</a>
          <a href="/ui/program">Program</a>
          {MAY_START.includes(me.role) && <a href="/ui/start">Start a mission</a>}
        </nav>
        <span class="me">
          {me.id} ({me.role}){' '}
          <button
            type="button"
            class="secondary"
            onClick={() => {
              session.signOut();
              setMe(null);
              navigate('/ui');
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <div id="content">{body}</div>
    </>
  );
}

document.addEventListener('click', onLinkClick);
render(<App />, document.getElementById('app')!);
