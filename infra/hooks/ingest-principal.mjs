// Provision step of m365agents.yml, before arm/deploy. With SEARCH_MODE=azure, whoever runs `atk deploy` later runs
// `ingest` (infra/hooks/ingest.mjs), which needs the two search roles since the search service's keys are disabled; the
// Bicep gives them to ingestPrincipalId. This writes INGEST_PRINCIPAL_ID into the toolkit's environment file: the value
// already there if it is an object id, else the signed-in Azure CLI user's (`az ad signed-in-user show`); "none" with
// embedded search, because the toolkit refuses a parameters file whose variable is empty. (azd passes its own
// AZURE_PRINCIPAL_ID through infra/main.bicepparam and does not run this.)
//   node infra/hooks/ingest-principal.mjs    # prints ::set-teamsfx-env INGEST_PRINCIPAL_ID=…
import { execFileSync } from "node:child_process";

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const mode = (process.env.SEARCH_MODE || "embedded").trim();
let id = (process.env.INGEST_PRINCIPAL_ID || "").trim();

if (mode !== "embedded" && mode !== "azure") {
  console.error(`SEARCH_MODE must be embedded or azure, not "${mode}".`);
  process.exit(1);
}
if (!guid.test(id)) {
  id = "none";
  if (mode === "azure") {
    try {
      // az is az.cmd on Windows, which only a shell runs.
      id = execFileSync("az", ["ad", "signed-in-user", "show", "--query", "id", "--output", "tsv"], {
        encoding: "utf8",
        shell: process.platform === "win32",
        stdio: ["ignore", "pipe", "pipe"],
      }).trim();
    } catch (e) {
      console.error(
        "SEARCH_MODE=azure: the person who deploys uploads the Codes to Azure AI Search (ingest) and needs its two roles. " +
          "Sign in with the Azure CLI (az login), or set INGEST_PRINCIPAL_ID in env/.env.<environment> to the Entra object id " +
          `of whoever runs ingest.\n${(e.stderr || e.message || "").toString().trim()}`,
      );
      process.exit(1);
    }
    if (!guid.test(id)) {
      console.error(`az ad signed-in-user show gave "${id}", not an object id.`);
      process.exit(1);
    }
  }
}
console.log(`::set-teamsfx-env INGEST_PRINCIPAL_ID=${id}`);
