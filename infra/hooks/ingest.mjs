// The last deploy step, the same for both tools: m365agents.yml runs it after azureAppService/zipDeploy, azd as its
// postdeploy hook (azure.yaml). With SEARCH_MODE=azure it uploads the Codes in knowledge/ to Azure AI Search at
// SEARCH_ENDPOINT (the Bicep's outputs, in the tool's environment) with `ingest --target azure`, signed in as whoever
// runs it (the Azure CLI's login: the Bicep gave that person the search roles); with embedded search there is nothing
// to upload, the web app carries its Lucene index and vectors.
//   SEARCH_MODE=azure SEARCH_ENDPOINT=https://….search.windows.net node infra/hooks/ingest.mjs
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const mode = (process.env.SEARCH_MODE || "embedded").trim();
if (mode === "embedded") {
  console.log("SEARCH_MODE=embedded: nothing to ingest (the web app carries its Lucene index and vectors).");
  process.exit(0);
}
if (mode !== "azure") {
  console.error(`SEARCH_MODE must be embedded or azure, not "${mode}".`);
  process.exit(1);
}
const endpoint = (process.env.SEARCH_ENDPOINT || "").trim();
if (!/^https:\/\/[^/\s]+/.test(endpoint)) {
  console.error(`SEARCH_MODE=azure needs SEARCH_ENDPOINT (an output of infra/main.bicep), not "${endpoint}": provision first.`);
  process.exit(1);
}
const run = spawnSync("dotnet", ["run", "--project", "bot/EthicsBot", "--configuration", "Release", "--", "ingest", "--target", "azure"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, Search__Provider: "Azure", Search__Azure__Endpoint: endpoint },
});
if (run.error) console.error(`dotnet did not start: ${run.error.message}`);
process.exit(run.status ?? 1);
