// Checks a Microsoft 365 Agents Toolkit project file (m365agents.yml, m365agents.local.yml) offline, with the toolkit's
// own code as shipped in @microsoft/m365agentstoolkit-cli (its @microsoft/teamsfx-core):
//   1. the file against the toolkit's JSON schema of the version it declares (the same schema and Ajv options the
//      toolkit's parser uses; its own parser only says valid or not, so Ajv's errors are printed here), then the
//      toolkit's own parser, and every action's `uses` is an action this toolkit has;
//   2. a dry run of its stages in order (provision, deploy, publish), as the toolkit resolves ${{VAR}}: every variable a
//      step uses — in its `with`, in the ARM parameters file it deploys, the Entra app manifest it applies, the Teams
//      manifest it zips — must have a value by then (the toolkit leaves an empty variable unexpanded and fails), from
//      the environment file or from a step before it: writeToEnvironmentFile, the ARM template's outputs (upper-cased,
//      as arm/deploy writes them), aadApp/update's permission id, a script's ::set-teamsfx-env lines (--run-scripts
//      runs each `script` step for that, with the dry run's environment);
//   3. the Entra app manifest an aadApp/update step applies, filled, through the toolkit's own checks.
// Usage: node validate-toolkit.cjs PROJECT_DIR YML_FILE ENV_NAME [--arm TEMPLATE.json] [--run-scripts]
// Prints one JSON object (problems, the steps, the environment after the dry run) and exits 0 when there is no problem.
require("reflect-metadata");
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const crypto = require("node:crypto");

const core = (p) => require(`@microsoft/teamsfx-core/build/${p}`);
const cliRoot = path.dirname(require.resolve("@microsoft/m365agentstoolkit-cli/package.json"));
const coreRoot = path.dirname(require.resolve("@microsoft/teamsfx-core/package.json"));
const fromCore = (name) => require(require.resolve(name, { paths: [coreRoot] }));
const yaml = fromCore("js-yaml");
const dotenv = fromCore("dotenv");
const Ajv = fromCore("ajv").default;

const [projectDir, ymlFile, envName, ...rest] = process.argv.slice(2);
const armIndex = rest.indexOf("--arm");
const armTemplate = armIndex >= 0 ? rest[armIndex + 1] : undefined;
const runScripts = rest.includes("--run-scripts");
const problems = [];
const report = { file: ymlFile, version: null, schema: null, problems, steps: [], env: {} };

function finish() {
  console.log(JSON.stringify(report, null, 1));
  process.exit(problems.length === 0 ? 0 : 1);
}

(async () => {
  const root = path.resolve(projectDir);
  const file = path.resolve(root, ymlFile);
  const doc = yaml.load(fs.readFileSync(file, "utf8"));
  report.version = doc && doc.version;

  // 1. The schema, the toolkit's parser, the actions.
  const schemaFile = path.join(cliRoot, "resource", "yaml-schema", String(report.version), "yaml.schema.json");
  if (!fs.existsSync(schemaFile)) {
    problems.push(`version ${report.version}: this toolkit has no schema for it`);
    return finish();
  }
  report.schema = path.relative(path.dirname(cliRoot), schemaFile);
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  const ajv = new Ajv({ allowUnionTypes: true, allErrors: true });
  ajv.addKeyword("deprecationMessage");
  ajv.addSchema(schema, "yml");
  const validate = ajv.getSchema("yml");
  const schemaError = (where, e) => problems.push(`schema: ${where}${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  if (!validate(doc)) {
    const stepPath = /^\/(provision|deploy|publish|share)\/\d+(\/|$)/;
    for (const e of validate.errors) if (!stepPath.test(e.instancePath)) schemaError("", e);
    // A step is one of many actions (anyOf): its errors are those of the action its `uses` names, not of every other.
    const actions = schema.definitions.lifeCycleArray.items.anyOf.map((a) => a.$ref);
    for (const stage of ["provision", "deploy", "publish", "share"])
      (Array.isArray(doc[stage]) ? doc[stage] : []).forEach((step, i) => {
        let best = null;
        for (const action of actions) {
          const check = ajv.getSchema(`yml${action}`);
          if (check(step)) return;
          const errors = check.errors.filter((e) => !(e.keyword === "if" || e.keyword === "oneOf" || e.keyword === "anyOf"));
          if (errors.some((e) => e.instancePath === "/uses" && e.keyword === "const")) continue;
          if (!best || errors.length < best.length) best = errors;
        }
        if (!best) problems.push(`schema: /${stage}/${i}/uses "${step && step.uses}" is no action of schema ${report.version}`);
        else for (const e of best) schemaError(`/${stage}/${i}`, e);
      });
  }
  const parsed = await core("component/configManager/parser").yamlParser.parse(file, true);
  if (parsed.isErr()) problems.push(`the toolkit's parser: ${parsed.error.message}`);
  core("component/driver/index"); // registers every action
  const { Container } = require(require.resolve("typedi", { paths: [coreRoot] }));

  // 2. The dry run.
  const { resolveString } = core("component/configManager/lifecycle");
  const { expandEnvironmentVariable, getEnvironmentVariables } = core("component/utils/common");
  const { parseSetOutputCommand } = core("component/driver/script/scriptDriver");
  const envFolder = path.resolve(root, doc.environmentFolderPath || "./env");
  const envFile = path.join(envFolder, `.env.${envName}`);
  if (!fs.existsSync(envFile)) problems.push(`no environment file ${path.relative(root, envFile)}`);
  const env = fs.existsSync(envFile) ? dotenv.parse(fs.readFileSync(envFile)) : {};
  const userFile = `${envFile}.user`;
  if (fs.existsSync(userFile)) Object.assign(env, dotenv.parse(fs.readFileSync(userFile)));
  const armOutputs = armTemplate ? Object.keys(JSON.parse(fs.readFileSync(armTemplate, "utf8")).outputs || {}) : null;

  const withEnv = (f) => {
    const saved = process.env;
    process.env = { ...env };
    try {
      return f();
    } finally {
      process.env = saved;
    }
  };
  const fake = (name) => {
    if (/DOMAIN$/.test(name)) return "ethicsbot-dryrun.azurewebsites.net";
    if (/ENDPOINT$/.test(name)) return "https://ethicsbot-dryrun.example.org";
    if (/RESOURCE_ID$/.test(name)) return "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dryrun/providers/Microsoft.Web/sites/ethicsbot-dryrun";
    const h = crypto.createHash("sha256").update(name).digest("hex");
    if (/_ID$/.test(name)) return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    return `dryrun-${name.toLowerCase().replace(/_/g, "-")}`;
  };
  const produce = (names, step) => {
    for (const name of names) {
      if (!env[name]) env[name] = fake(name);
      step.produces.push(name);
    }
  };
  // Variables a file uses that have no value yet, as the toolkit expands them.
  const missingIn = (relative, step) => {
    const target = path.resolve(root, relative);
    if (!fs.existsSync(target)) {
      problems.push(`${step.stage} ${step.uses}: ${relative} does not exist`);
      return;
    }
    const text = fs.readFileSync(target, "utf8");
    step.reads.push(relative);
    for (const name of getEnvironmentVariables(text)) if (!step.uses_.includes(name)) step.uses_.push(name);
    const left = withEnv(() => getEnvironmentVariables(expandEnvironmentVariable(text)));
    for (const name of left) problems.push(`${step.stage} ${step.uses}: ${relative} uses \${{${name}}}, which has no value by then`);
    return withEnv(() => expandEnvironmentVariable(text));
  };

  for (const stage of ["provision", "deploy", "publish", "share"]) {
    const defs = doc[stage];
    if (!Array.isArray(defs)) continue;
    if (stage === "provision")
      // The toolkit asks for a subscription and a resource group when provision uses them and they are empty.
      for (const name of ["AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP_NAME"])
        if (!env[name] && JSON.stringify(defs).includes(`\${{${name}}}`)) env[name] = fake(name);
    for (const def of defs) {
      const step = { stage, uses: def.uses, uses_: [], reads: [], produces: [] };
      report.steps.push(step);
      if (!Container.has(def.uses)) problems.push(`${stage}: "${def.uses}" is not an action of this toolkit`);
      const unresolved = [];
      const text = JSON.stringify({ with: def.with, env: def.env });
      for (const m of text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) if (!step.uses_.includes(m[1])) step.uses_.push(m[1]);
      withEnv(() => resolveString(text, [], unresolved));
      for (const name of new Set(unresolved)) problems.push(`${stage} ${def.uses}: uses \${{${name}}}, which has no value by then`);
      const args = def.with || {};
      switch (def.uses) {
        case "arm/deploy":
          for (const template of args.templates || []) {
            if (!fs.existsSync(path.resolve(root, template.path))) problems.push(`${stage} arm/deploy: ${template.path} does not exist`);
            if (template.parameters) missingIn(template.parameters, step);
          }
          if (armOutputs) produce(armOutputs.map((o) => o.toUpperCase()), step);
          else problems.push(`${stage} arm/deploy: pass --arm with the compiled template to know its outputs`);
          break;
        case "aadApp/update": {
          const source = path.resolve(root, args.manifestPath);
          const manifest = fs.existsSync(source) ? fs.readFileSync(source, "utf8") : "";
          if (/\$\{\{ *AAD_APP_ACCESS_AS_USER_PERMISSION_ID *\}\}/.test(manifest)) produce(["AAD_APP_ACCESS_AS_USER_PERMISSION_ID"], step);
          const filled = missingIn(args.manifestPath, step);
          if (filled !== undefined) {
            // 3. The toolkit's own checks of an Entra app manifest, as aadApp/update runs them.
            const { AadManifestHelper } = core("component/driver/aad/utility/aadManifestHelper");
            try {
              const manifest = JSON.parse(filled);
              const warnings = AadManifestHelper.validateManifest(manifest);
              if (warnings) problems.push(`${stage} aadApp/update: ${warnings.replace(/\s+/g, " ")}`);
              AadManifestHelper.processRequiredResourceAccessInManifest(manifest);
              AadManifestHelper.manifestToApplication(manifest);
              report.aadManifest = manifest;
            } catch (e) {
              problems.push(`${stage} aadApp/update: ${e.message}`);
            }
          }
          break;
        }
        case "teamsApp/validateManifest":
        case "teamsApp/zipAppPackage":
          missingIn(args.manifestPath, step);
          break;
        case "script":
          if (runScripts) {
            const run = spawnSync(args.run, { cwd: path.resolve(root, args.workingDirectory || "."), shell: true, env: { ...process.env, ...env }, encoding: "utf8", timeout: 120000 });
            step.output = `${run.stdout || ""}${run.stderr || ""}`.trim();
            if (run.status !== 0) problems.push(`${stage} script "${args.run}": exit ${run.status}: ${step.output}`);
            const set = parseSetOutputCommand(run.stdout || "");
            for (const [k, v] of Object.entries(set)) env[k] = v;
            step.produces.push(...Object.keys(set));
          }
          break;
      }
      produce(Object.values(def.writeToEnvironmentFile || {}), step);
      step.uses = def.uses;
      step.variables = step.uses_;
      delete step.uses_;
    }
  }
  report.env = env;
  finish();
})().catch((e) => {
  problems.push(String((e && e.stack) || e));
  finish();
});
