/**
 * Single sign-on with the organisation's OpenID Provider: the authorization code flow with PKCE
 * (RFC 7636, S256), as a public client. The verifier and state live in this tab's session storage
 * for the round trip only; the access token becomes the tab's bearer token, like a pasted key.
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

const PENDING = 'capeo.oidc';
const CALLBACK = '/ui/callback';

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const random = (n: number) => base64url(crypto.getRandomValues(new Uint8Array(n)));

async function discover(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string; issuer: string }> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`the identity provider's discovery document answered ${res.status}`);
  return res.json();
}

/** Leaves for the provider's sign-in page; it comes back to /ui/callback. */
export async function startSignIn(s: OidcSettings, returnTo: string): Promise<void> {
  const meta = await discover(s.issuer);
  const verifier = random(48);
  const state = random(24);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: s.clientId,
    redirect_uri: `${location.origin}${CALLBACK}`,
    scope: s.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

export const isCallback = (url: URL) => url.pathname === CALLBACK;

/** Back from the provider: the code exchanged (with the verifier) for the access token, and where to go on. */
export async function finishSignIn(s: OidcSettings, url: URL): Promise<{ token: string; returnTo: string }> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING);
  const error = url.searchParams.get('error');
  if (error) throw new Error(`the identity provider refused the sign-in: ${url.searchParams.get('error_description') ?? error}`);
  if (!pending || url.searchParams.get('state') !== pending.state) throw new Error('this sign-in was not started from this tab (state mismatch): sign in again');
  const code = url.searchParams.get('code');
  if (!code) throw new Error('the identity provider sent no authorization code');
  const meta = await discover(s.issuer);
  const res = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${location.origin}${CALLBACK}`, client_id: s.clientId, code_verifier: pending.verifier }),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`the token exchange failed: ${body.error_description ?? body.error ?? res.status}`);
  return { token: body.access_token, returnTo: pending.returnTo.startsWith('/ui') ? pending.returnTo : '/ui' };
}
