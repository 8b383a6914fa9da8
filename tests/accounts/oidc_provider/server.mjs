// A real OpenID provider for the single sign-on tests (tests/accounts/test_oidc_sso.py):
// panva's oidc-provider (OpenID Certified), configured for Echo's test app.
//
//   node server.mjs '{"redirectUris": ["http://127.0.0.1:8000/login/sso/test/callback"]}'
//
// With "conformIdTokenClaims": true (oidc-provider's own default) the ID token carries only
// sub and the person's claims are given at the UserInfo endpoint (OpenID Connect Core 1.0
// section 5.4); by default here they are in the ID token too.
//
// Listens on 127.0.0.1 on a free port and prints one JSON line, {"issuer": "..."}, when it
// answers. The person signing in is chosen by the authorization request's login_hint (one
// of ACCOUNTS), or is "defaultAccount" when the request has none (a real browser's sign-in,
// tests/e2e); login and consent complete without a page (devInteractions off).
//
// Clients (secret "echo-test-secret", PKCE required, the redirect URIs given):
//   echo            an honest provider
//   echo-tampered   its ID tokens' payload is changed after signing (bad signature)
//   echo-wrong-aud  its ID tokens are re-signed, with the provider's key, for another audience
//   echo-other-sub  its UserInfo answers name another subject than its ID tokens

import http from 'node:http';

import { SignJWT, decodeJwt, exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2] || '{}');
const redirectUris = options.redirectUris || [];
const SECRET = 'echo-test-secret';

const ACCOUNTS = {
  verified: { email: 'ana.ruiz@hospital.example', email_verified: true, name: 'Ana Ruiz' },
  unverified: { email: 'ben.ode@hospital.example', email_verified: false, name: 'Ben Ode' },
  outsider: { email: 'carla.diaz@elsewhere.example', email_verified: true, name: 'Carla Diaz' },
  existing: { email: 'dana.lee@hospital.example', email_verified: true, name: 'Dana Lee' },
  pending: { email: 'eli.sato@hospital.example', email_verified: true, name: 'Eli Sato' },
};

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const KID = 'test-signing-key';
const signingJwk = { ...(await exportJWK(privateKey)), kid: KID, alg: 'RS256', use: 'sig' };

let handler = (_req, res) => {
  res.statusCode = 503;
  res.end('starting');
};
const server = http.createServer((req, res) => handler(req, res));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const client = (clientId) => ({
  client_id: clientId,
  client_secret: SECRET,
  redirect_uris: redirectUris,
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
});

const provider = new Provider(issuer, {
  clients: [
    client('echo'),
    client('echo-tampered'),
    client('echo-wrong-aud'),
    client('echo-other-sub'),
  ],
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['echo-test-cookie-key'] },
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Scope claims in the ID token unless asked to conform (then only at UserInfo).
  conformIdTokenClaims: options.conformIdTokenClaims ?? false,
  async findAccount(_ctx, sub) {
    const account = ACCOUNTS[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account }) };
  },
  // Consent is given for every client here: the interaction below only picks the person.
  async loadExistingGrant(ctx) {
    const { accountId } = ctx.oidc.session;
    if (!accountId) return undefined;
    const { clientId } = ctx.oidc.client;
    const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

// The test's ways of lying, applied to the token endpoint's and UserInfo's answers.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/me' && ctx.status === 200 && ctx.oidc?.client?.clientId === 'echo-other-sub') {
    ctx.body = { ...ctx.body, sub: 'existing', email: 'dana.lee@hospital.example' };
    return;
  }
  if (ctx.path !== '/token' || ctx.status !== 200 || !ctx.body?.id_token) return;
  const clientId = ctx.oidc?.client?.clientId;
  const idToken = ctx.body.id_token;
  if (clientId === 'echo-tampered') {
    const [header, payload, signature] = idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.email = 'dana.lee@hospital.example';
    claims.sub = 'existing';
    const forged = Buffer.from(JSON.stringify(claims)).toString('base64url');
    ctx.body = { ...ctx.body, id_token: [header, forged, signature].join('.') };
  } else if (clientId === 'echo-wrong-aud') {
    const claims = decodeJwt(idToken);
    claims.aud = 'another-application';
    const resigned = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .sign(privateKey);
    ctx.body = { ...ctx.body, id_token: resigned };
  }
});

const providerCallback = provider.callback();

async function interaction(req, res) {
  try {
    const details = await provider.interactionDetails(req, res);
    const hint = details.params.login_hint || options.defaultAccount;
    if (details.prompt.name !== 'login' || !ACCOUNTS[hint]) {
      res.statusCode = 400;
      res.end(`cannot complete prompt ${details.prompt.name} for login_hint ${hint}`);
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: hint } },
      { mergeWithLastSubmission: false },
    );
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
}

handler = (req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res);
  } else {
    providerCallback(req, res);
  }
};

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
