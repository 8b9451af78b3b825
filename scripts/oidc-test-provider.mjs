// A real OpenID Provider (panva's oidc-provider) on loopback, for tests only: ID-porten and
// Entra ID stand-in. Started by brobygger/identity/testing.py; never use it outside tests.
//
//   node scripts/oidc-test-provider.mjs CONFIG.json [PORT]     (PORT or $OIDC_TEST_PROVIDER_PORT;
//                                                               0, the default, lets the OS pick)
//
// Prints `READY <issuer>` once it listens. CONFIG.json: {"clients": [...], "accounts": {login:
// {"claims": {...}, "acr": "...", "amr": [...]}}}. Clients are read once; accounts on every use,
// so tests can add accounts while it runs.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";

import Provider from "oidc-provider";

const [configPath, portArg] = process.argv.slice(2);
if (!configPath) {
  console.error("usage: oidc-test-provider.mjs CONFIG.json [PORT]");
  process.exit(2);
}
// testing.py keeps our stdin open; exit when it closes, so a crashed test run leaves no provider.
if (process.env.OIDC_TEST_PROVIDER_WATCH_STDIN) {
  process.stdin.on("end", () => process.exit(0)).resume();
}

const readConfig = () => JSON.parse(readFileSync(configPath, "utf8"));

// Claims the provider may release. Everything is mapped to scope `openid`, so the id_token and
// userinfo carry an account's claims whatever else the client asks for (oidc-provider drops
// claims that are not listed here).
const CLAIMS = [
  "sub", "acr", "amr", "pid", "oid", "tid", "email", "email_verified", "name", "given_name",
  "family_name", "preferred_username", "upn", "roles", "groups", "locale",
];

// The account id is the id_token's `sub` (oidc-provider sets sub = accountId): claims.sub, or
// the login name when the account has none.
const accounts = () =>
  Object.entries(readConfig().accounts ?? {}).map(([login, account]) => ({
    login, accountId: account.claims?.sub ?? login, ...account,
  }));

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: "jwk" }), kid: "test", alg: "RS256", use: "sig" };

let provider; // created once the server knows its port (the issuer contains it)
let handler;
const server = http.createServer((req, res) => {
  if (req.url.startsWith("/interaction/")) {
    interaction(req, res).catch((err) => {
      console.error(err);
      res.statusCode = err.statusCode ?? 500; // e.g. 400 without the interaction cookie
      res.end(String(err));
    });
  } else {
    handler(req, res);
  }
});

server.listen(Number(portArg ?? process.env.OIDC_TEST_PROVIDER_PORT ?? 0), "127.0.0.1", () => {
  // An http issuer: fine on loopback, and oidc-provider does not insist on https.
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = new Provider(issuer, {
    clients: readConfig().clients.map((client) => ({
      // Never matched: redirectUriAllowed is replaced below.
      redirect_uris: ["http://127.0.0.1/callback"],
      grant_types: ["authorization_code", "refresh_token"],
      ...client,
    })),
    // Both are accepted from any client registered with either (oidc-provider's own rule).
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: CLAIMS, profile: [], email: [] },
    // Claims of every granted scope in the id_token too, not only in userinfo (oidc-provider's
    // default when an access token is issued). Ours are all under openid; this is for the rest.
    conformIdTokenClaims: false,
    // acr must be listed here or oidc-provider removes the claim altogether.
    acrValues: ["idporten-loa-low", "idporten-loa-substantial", "idporten-loa-high"],
    pkce: { required: () => true }, // S256 only (oidc-provider 9 supports no other method)
    allowOmittingSingleRegisteredRedirectUri: false,
    features: { devInteractions: { enabled: false }, userinfo: { enabled: true } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, id) {
      const account = accounts().find((a) => a.accountId === id);
      return account && { accountId: id, claims: () => ({ ...account.claims, sub: id }) };
    },
    // No consent screen: every requested scope and claim is granted.
    async loadExistingGrant(ctx) {
      const { Grant } = ctx.oidc.provider;
      const { clientId } = ctx.oidc.client;
      const { accountId } = ctx.oidc.session;
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(clientId);
      let grant = grantId && (await Grant.find(grantId));
      if (!grant || grant.accountId !== accountId) grant = new Grant({ clientId, accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(" "));
      grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
  });
  // Real providers match redirect_uri exactly, but tests run Django on random ports: this
  // test-only provider accepts any callback on loopback or Django's test client host.
  const loopback = (value) => {
    const origin = URL.parse(value)?.origin ?? "";
    return /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$|^http:\/\/testserver$/.test(origin);
  };
  provider.Client.prototype.redirectUriAllowed = loopback;
  provider.Client.prototype.postLogoutRedirectUriAllowed = loopback;
  handler = provider.callback();
  provider.on("server_error", (ctx, err) => console.error(err));
  console.log(`READY ${issuer}`);
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginForm(res, uid, error) {
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.end(`<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Testinnlogging</title></head><body>
<h1>Testinnlogging</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}">
<label for="login">Brukernavn</label> <input id="login" name="login" autofocus>
<button type="submit">Logg inn</button>
<button type="submit" name="cancel" value="1">Avbryt</button>
</form></body></html>`);
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res); // throws unless the cookie fits
  if (req.method === "GET") return loginForm(res, details.uid);
  if (req.method !== "POST") {
    res.statusCode = 405;
    return res.end();
  }
  let body = "";
  for await (const chunk of req) body += chunk;
  const form = new URLSearchParams(body);
  if (form.has("cancel")) {
    return provider.interactionFinished(req, res, {
      error: "access_denied",
      error_description: "End-User aborted interaction",
    }, { mergeWithLastSubmission: false });
  }
  const account = accounts().find((a) => a.login === form.get("login"));
  if (!account) return loginForm(res, details.uid, "Ukjent brukernavn");
  // acr and amr go through the login result into the session, and from there into the id_token
  // (null would become "acr": null there, so leave them out instead).
  const { accountId, acr, amr } = account;
  return provider.interactionFinished(req, res, {
    login: { accountId, acr: acr ?? undefined, amr: amr ?? undefined },
  }, { mergeWithLastSubmission: false });
}
