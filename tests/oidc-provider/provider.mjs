// A real OpenID Provider for ProjectLedger's sign-in tests: node provider.mjs
// PORT: where it listens on 127.0.0.1. APP_URLS: the app base URLs it may redirect to (comma separated).
// Accounts (any password): maija (project office of Vantaa-Kerava), leena (national leadership),
// vieras (a group ProjectLedger does not map), nosub-less accounts cannot exist: sub is the login.
// Integrations (client_credentials, JWT access tokens for the resource urn:projectledger):
// integration-vk (project office of Vantaa-Kerava), integration-norole. POST /test/sign signs any
// claims with the provider's own key (for expired tokens); nothing else is added to oidc-provider.
import crypto from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const appUrls = (process.env.APP_URLS ?? '').split(',').filter(Boolean);

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = crypto.randomUUID();
const jwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };

const accounts = {
  maija: { name: 'Maija Virtanen', groups: ['ledger-vk-office'], county: 'vantaa-kerava' },
  leena: { name: 'Leena Laine', groups: ['ledger-national'], county: '*' },
  vieras: { name: 'Ville Vieras', groups: ['visitors'], county: 'helsinki' },
};
const integrations = {
  'integration-vk': { groups: ['ledger-vk-office'], county: 'vantaa-kerava' },
  'integration-norole': { county: 'vantaa-kerava' },
};
const resources = ['urn:projectledger', 'urn:other-service'];

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'projectledger',
      client_secret: 'projectledger-test-secret',
      redirect_uris: appUrls.map((u) => `${u}/signin-oidc`),
      post_logout_redirect_uris: appUrls.map((u) => `${u}/signout-callback-oidc`),
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
    ...Object.keys(integrations).map((id) => ({
      client_id: id,
      client_secret: `${id}-secret`,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    })),
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: ['projectledger-test-cookie-key'] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name', 'groups', 'county'] },
  conformIdTokenClaims: false,
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account }) };
  },
  // Grant openid and profile at once: no consent page in the tests.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (ctx) => (ctx.oidc.client?.clientId in integrations ? 'urn:projectledger' : undefined),
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (!resources.includes(resource)) throw new Error(`unknown resource ${resource}`);
        return { scope: 'ledger', audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: 300, jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  extraTokenClaims: (_ctx, token) => (token.kind === 'ClientCredentials' ? integrations[token.clientId] : undefined),
});
provider.on('server_error', (_ctx, err) => console.error('server_error', err));

function b64url(data) {
  return Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)).toString('base64url');
}

async function testSign(req, res) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const claims = JSON.parse(body);
  const head = b64url({ alg: 'RS256', typ: 'at+jwt', kid });
  const payload = b64url({ iss: issuer, ...claims });
  const signature = crypto.sign('sha256', Buffer.from(`${head}.${payload}`), privateKey).toString('base64url');
  res.writeHead(200, { 'content-type': 'text/plain' }).end(`${head}.${payload}.${signature}`);
}

const callback = provider.callback();
http
  .createServer((req, res) => (req.method === 'POST' && req.url === '/test/sign' ? testSign(req, res) : callback(req, res)))
  .listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
