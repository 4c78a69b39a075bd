// A real OpenID Connect provider (npm oidc-provider) standing in for Google on this machine, for
// `./dev run` and the tests: discovery, authorization code + PKCE (S256 required), RS256 ID tokens
// signed with a key made at start, and its development login form, which accepts any email.
//   node tools/oidc-stand-in.mjs --port N --redirect-uri URL --client-secret S
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) =>
  (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[i + 1]]] : pairs), []));
const port = Number(args.port || 0);
if (!port || !args['redirect-uri'] || !args['client-secret']) {
  console.error('usage: node tools/oidc-stand-in.mjs --port N --redirect-uri URL --client-secret S');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'portal-server',
    client_secret: args['client-secret'],
    redirect_uris: [args['redirect-uri']],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [signingKey] },
  pkce: { methods: ['S256'], required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  // Like Google: the granted email claims travel in the ID token itself.
  conformIdTokenClaims: false,
  cookies: { keys: [randomBytes(32).toString('hex')] },
  features: { devInteractions: { enabled: true } },
  // The login form's "login" is the email: the stand-in vouches for it as Google would.
  findAccount: (ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, email: id.toLowerCase(), email_verified: true }),
  }),
  // A first-party client: no consent screen, the openid and email scopes are granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email');
    await grant.save();
    return grant;
  },
});
provider.listen(port, '127.0.0.1', () => console.log(`oidc-stand-in listening on ${issuer}`));
