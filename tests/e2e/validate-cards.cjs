// Parses Adaptive Cards with the official `adaptivecards` package and reports every parse and validation event.
// Usage: node validate-cards.cjs card1.json [card2.json …]  — prints one JSON line per card, exits 1 on any error.
const { readFileSync } = require("node:fs");
const AC = require("adaptivecards/dist/adaptivecards.js");

let failed = false;
for (const file of process.argv.slice(2)) {
  const json = JSON.parse(readFileSync(file, "utf8"));
  const context = new AC.SerializationContext();
  context.targetVersion = AC.Versions.v1_5;
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    events.push({ phase: "parse", phaseName: AC.ValidationPhase[e.phase], event: AC.ValidationEvent[e.event], message: e.message });
  }
  const validation = card.validateProperties();
  for (const e of validation.validationEvents) {
    events.push({ phase: "validate", event: AC.ValidationEvent[e.event], message: e.message });
  }
  if (events.length > 0) failed = true;
  console.log(JSON.stringify({ file, version: card.version?.toString(), elements: card.getItemCount(), actions: card.getActionCount(), events }));
}
process.exit(failed ? 1 : 0);
