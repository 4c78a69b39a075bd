// The server's OAuth side through oauth4webapi, a strict standard client and nothing of ours: discovery
// (RFC 8414), the authorization code with PKCE, the errors of RFC 6749 §5.2, and the Bearer challenge of
// RFC 6750. The authorization step itself is the portal's transaction API (the email-code method here).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as oauth from 'oauth4webapi';
import { outboxCode, startServer } from './harness.mjs';

let server;
before(async () => {
  server = await startServer({ args: ['--dev'] });
});
after(async () => {
  await server?.stop();
});

const insecure = { [oauth.allowInsecureRequests]: true };  // the test server speaks plain http on loopback
const client = { client_id: 'support-portal' };

async function discover() {
  const issuer = new URL(server.url);
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure });
  return oauth.processDiscoveryResponse(issuer, response);
}

// The portal's sign-in up to the authorization code: a transaction bound to the PKCE challenge, a code
// emailed to a demo user, checked.
async function authorize(as, verifier, state) {
  const post = (path, body) => fetch(new URL(path, server.url), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const started = await post('/api/auth/transactions', {
    client_id: client.client_id, redirect_uri: new URL('/callback.html', server.url).href,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state,
  });
  assert.equal(started.status, 201);
  const { transaction_id: id } = await started.json();
  const since = Date.now() - 1000;
  assert.equal((await post(`/api/auth/transactions/${id}/email-code`, { email: 'ana@demo.store' })).status, 202);
  const verified = await post(`/api/auth/transactions/${id}/email-code/verify`, { code: await outboxCode(server, 'ana@demo.store', since) });
  assert.equal(verified.status, 200);
  const { code, state: returned } = await verified.json();
  return oauth.validateAuthResponse(as, client, new URLSearchParams({ code, state: returned }), state);
}

test('discovery: the metadata names this issuer, the token endpoint, S256 and the grants', async () => {
  const as = await discover();
  assert.equal(new URL(as.issuer).href, new URL(server.url).href);
  assert.equal(as.token_endpoint, new URL('/oauth/token', server.url).href);
  assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
  assert.deepEqual(as.grant_types_supported, ['authorization_code', 'refresh_token']);
  assert.deepEqual(as.token_endpoint_auth_methods_supported, ['none']);
});

test('code + PKCE: oauth4webapi accepts the token response, and the token opens /api/me', async () => {
  const as = await discover();
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const callback = await authorize(as, verifier, state);
  const redirectUri = new URL('/callback.html', server.url).href;
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), callback, redirectUri, verifier, insecure);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.equal(response.headers.get('pragma'), 'no-cache');
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  assert.equal(tokens.token_type, 'bearer');  // oauth4webapi lower-cases it
  assert.ok(tokens.access_token);
  assert.equal(tokens.refresh_token, undefined);  // the refresh token is the HttpOnly cookie only

  const me = await oauth.protectedResourceRequest(tokens.access_token, 'GET', new URL('/api/me', server.url), undefined, undefined, insecure);
  assert.equal(me.status, 200);
  assert.equal((await me.json()).user.email, 'ana@demo.store');

  // The same code again: RFC 6749 §5.2 invalid_grant, with error_description.
  const again = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), callback, redirectUri, verifier, insecure);
  await assert.rejects(oauth.processAuthorizationCodeResponse(as, client, again), (error) => {
    assert.ok(error instanceof oauth.ResponseBodyError, String(error));
    assert.equal(error.error, 'invalid_grant');
    assert.match(error.error_description, /already used/);
    return true;
  });
});

test('a refresh token in the form is refused as invalid_request: it travels only in its cookie', async () => {
  const as = await discover();
  const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), 'a-refresh-token', insecure);
  await assert.rejects(oauth.processRefreshTokenResponse(as, client, response), (error) => {
    assert.ok(error instanceof oauth.ResponseBodyError, String(error));
    assert.equal(error.error, 'invalid_request');
    assert.match(error.error_description, /cookie/);
    return true;
  });
});

test('a refused token: 401 with a Bearer challenge the client reads (RFC 6750)', async () => {
  await assert.rejects(
    oauth.protectedResourceRequest('not-a-token', 'GET', new URL('/api/me', server.url), undefined, undefined, insecure),
    (error) => {
      assert.ok(error instanceof oauth.WWWAuthenticateChallengeError, String(error));
      assert.equal(error.status, 401);
      assert.equal(error.cause[0].scheme, 'bearer');
      assert.equal(error.cause[0].parameters.realm, 'support-portal');
      assert.equal(error.cause[0].parameters.error, 'invalid_token');
      return true;
    });
});
