// Stand-ins the desk's browser test needs, on loopback only: Entra ID's OpenID metadata for one tenant (a fresh RSA
// key, published as a JWK) with tokens signed by it — and forged ones, signed by another key — written to
// OUT/tokens.json; and the Bot Connector, recording every call the bot makes to OUT/connector.jsonl.
// Usage: node desk-servers.mjs OUT METADATA_PORT CONNECTOR_PORT TENANT AUDIENCE MEMBER STRANGER
import { createServer } from "node:http";
import { generateKeyPairSync, createSign } from "node:crypto";
import { writeFileSync, appendFileSync } from "node:fs";

const [out, metadataPort, connectorPort, tenant, audience, member, stranger] = process.argv.slice(2);
const issuer = `https://login.microsoftonline.com/${tenant}/v2.0`;
const key = generateKeyPairSync("rsa", { modulusLength: 2048 });
const forger = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...key.publicKey.export({ format: "jwk" }), kid: "tenant-key", use: "sig", alg: "RS256" };

const b64 = (o) => Buffer.from(typeof o === "string" ? o : JSON.stringify(o)).toString("base64url");
function token(oid, name, signer = key) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: "RS256", typ: "JWT", kid: "tenant-key" });
  const body = b64({ aud: audience, iss: issuer, iat: now - 60, nbf: now - 60, exp: now + 3600, oid, tid: tenant, name, scp: "access_as_user", azp: "1fec8e78-bce4-4aaf-ab1b-5451cc387264", ver: "2.0" }); // got by Teams (desktop) for the tab
  const sign = createSign("RSA-SHA256");
  sign.update(`${head}.${body}`);
  return `${head}.${body}.${sign.sign(signer.privateKey).toString("base64url")}`;
}

createServer((req, res) => {
  res.setHeader("content-type", "application/json");
  if (req.url === `/${tenant}/v2.0/.well-known/openid-configuration`)
    res.end(JSON.stringify({ issuer, jwks_uri: `http://127.0.0.1:${metadataPort}/${tenant}/keys`, id_token_signing_alg_values_supported: ["RS256"] }));
  else if (req.url === `/${tenant}/keys`) res.end(JSON.stringify({ keys: [jwk] }));
  else { res.statusCode = 404; res.end("{}"); }
}).listen(Number(metadataPort), "127.0.0.1");

let ids = 0;
createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    appendFileSync(`${out}/connector.jsonl`, JSON.stringify({ method: req.method, path: req.url, body: body ? JSON.parse(body) : null }) + "\n");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ id: `activity-${++ids}` }));
  });
}).listen(Number(connectorPort), "127.0.0.1");

writeFileSync(`${out}/tokens.json`, JSON.stringify({
  member: token(member, "Olu Office"),
  stranger: token(stranger, "Eve Else"),
  forged: token(member, "Olu Office", forger),
}));
console.log("desk servers ready");
