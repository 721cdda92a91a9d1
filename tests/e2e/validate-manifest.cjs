// Validates a Teams app manifest against the official JSON schema of its manifestVersion, as shipped (offline) in
// @microsoft/app-manifest, with that package's own validator. Usage: node validate-manifest.cjs manifest.json
// Prints {"schema": "...", "errors": [...]} and exits 0 when there are no errors, 1 otherwise.
const fs = require("node:fs");
const path = require("node:path");
const { ManifestUtil } = require("@microsoft/app-manifest");

(async () => {
  const manifest = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const version = manifest.manifestVersion;
  if (!/^\d+\.\d+$/.test(version || "")) {
    console.log(JSON.stringify({ schema: null, errors: [`manifestVersion "${version}" is not a version`] }));
    process.exit(1);
  }
  const schemaFile = path.join(path.dirname(require.resolve("@microsoft/app-manifest/package.json")), "build", "json-schemas", "teams", `v${version}`, "MicrosoftTeams.schema.json");
  if (!fs.existsSync(schemaFile)) {
    console.log(JSON.stringify({ schema: schemaFile, errors: [`no schema shipped for manifest version ${version}`] }));
    process.exit(1);
  }
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  const errors = await ManifestUtil.validateManifestAgainstSchema(manifest, schema);
  console.log(JSON.stringify({ schema: path.relative(process.cwd(), schemaFile), errors }));
  process.exit(errors.length === 0 ? 0 : 1);
})().catch((e) => {
  console.log(JSON.stringify({ schema: null, errors: [String(e && e.message || e)] }));
  process.exit(1);
});
