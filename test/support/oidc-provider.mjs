// A real OpenID Provider on loopback for the web board's sign-in test: panva's oidc-provider (the
// certified Node implementation) with its development login and consent pages. One public client,
// the board, with the authorization code flow and PKCE; access tokens are JWTs for the audience
// `capeo`, carrying the capeo role of the person who signs in (ROLES: a JSON map login -> role).
// Env: PORT, REDIRECT_URI, ROLES. Prints "oidc provider ready <issuer>" when it listens.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const roles = JSON.parse(process.env.ROLES ?? '{}');

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'capeo-web',
      token_endpoint_auth_method: 'none',
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  pkce: { required: () => true },
  cookies: { keys: ['capeo-test-cookie-key'] },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:capeo:api',
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: 'openid', audience: 'capeo', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
    },
  },
  extraTokenClaims: async (_ctx, token) => (token.accountId && roles[token.accountId] ? { capeo_role: roles[token.accountId] } : undefined),
});
// Plain HTTP on loopback: the provider is told the connection is what it is.
provider.proxy = false;
provider.listen(port, '127.0.0.1', () => process.stdout.write(`oidc provider ready ${issuer}\n`));
