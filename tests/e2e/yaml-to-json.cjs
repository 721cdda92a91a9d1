// Prints a YAML file as JSON, read with the js-yaml the Microsoft 365 Agents Toolkit parses its files with, for the .NET
// tests (azure.yaml, m365agents.yml). Usage: node yaml-to-json.cjs FILE
const fs = require("node:fs");
const path = require("node:path");
const yaml = require(require.resolve("js-yaml", { paths: [path.dirname(require.resolve("@microsoft/teamsfx-core/package.json"))] }));
console.log(JSON.stringify(yaml.load(fs.readFileSync(process.argv[2], "utf8"))));
