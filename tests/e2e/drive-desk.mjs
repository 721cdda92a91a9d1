// Drives the ethics office desk in headless Chromium as a member would: the page is opened as Teams opens the tab,
// and every request of the page to /office/api carries the member's token, as getAuthToken gives it in Teams.
// Answers the queued question, filters the register to one supplier, approves that disclosure, downloads the CSV and
// Excel exports, edits a FAQ entry and looks at the charts, runs a campaign (create, launch, a person acknowledges in
// the chat, progress, the export of who has not); then a non-member and a forged token are turned away,
// in the page and for every page and action by HTTP. Prints PASS/FAIL per step; screenshots in OUT.
// Usage: node drive-desk.mjs BOT_URL OUT — exits 0 when every step passed, 1 otherwise.
import { chromium } from "playwright-core";
import { readFileSync, existsSync } from "node:fs";

const [bot, out] = process.argv.slice(2);
const tokens = JSON.parse(readFileSync(`${out}/tokens.json`, "utf8"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;

async function open(token) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.route("**/office/api/**", (route) =>
    route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${token}` } }));
  await page.goto(`${bot}/office`);
  return page;
}

async function check(page, name, act, expect) {
  try {
    await act();
    for (const e of expect) await page.getByText(e, { exact: false }).first().waitFor({ timeout: 20000 });
    console.log(`PASS ${name}`);
  } catch (err) {
    failed = true;
    console.log(`FAIL ${name}: ${err.message.split("\n")[0]}`);
  }
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
}

function connectorCalls() {
  return existsSync(`${out}/connector.jsonl`)
    ? readFileSync(`${out}/connector.jsonl`, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
}

async function told(name, conversation, words) {
  for (let i = 0; i < 100; i++) {
    const call = connectorCalls().find((c) => decodeURIComponent(c.path).includes(`/conversations/${conversation}/`) && (c.body?.text ?? "").includes(words));
    if (call) { console.log(`PASS ${name}`); return; }
    await new Promise((r) => setTimeout(r, 100));
  }
  failed = true;
  console.log(`FAIL ${name}: nothing with "${words}" reached ${conversation}; calls: ${JSON.stringify(connectorCalls().map((c) => c.path))}`);
}

const page = await open(tokens.member);
await check(page, "desk-queue", async () => {}, ["Questions waiting for the", "Can I accept a hamper from a supplier at Eid?"]);
await check(page, "desk-answer", async () => {
  await page.getByRole("link", { name: "Open" }).first().click();
  await page.getByLabel("Answer (sent to the asker's chat)").fill("Yes, a hamper of modest value at Eid is fine; declare it if it is worth more than USD 50.");
  await page.getByLabel("Clauses it rests on").fill("iom-5.49");
  await page.getByRole("button", { name: "Send the answer" }).click();
}, ["Answered: the asker has the answer in their chat.", "Answered by Olu Office"]);
await told("desk-asker-told", "a:asker-chat", "a hamper of modest value at Eid is fine");
await check(page, "desk-publish", async () => {
  const form = page.locator('form[data-desk-post$="/publish"]');
  await form.locator('textarea[name="question"]').fill("Can I accept a hamper from a supplier at a religious festival?");
  await form.getByRole("button", { name: "Publish" }).click();
}, ["Published: staff who ask something similar get this answer first.", "Can I accept a hamper from a supplier at a religious festival?"]);

await check(page, "desk-register", async () => {
  await page.getByTestId("nav-register").click();
  await page.getByText("Blue River Transport", { exact: false }).first().waitFor({ timeout: 20000 });
}, ["Disclosure register", "Acme Logistics"]);
await check(page, "desk-register-filtered", async () => {
  await page.getByLabel("Counterparty").fill("Acme");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.locator('[data-testid="total"]', { hasText: /^1$/ }).waitFor({ timeout: 20000 });
  if (await page.getByText("Blue River Transport").count() > 0) throw new Error("Blue River is still listed");
}, ["Acme Logistics"]);

for (const [link, file] of [["csv", "disclosures.csv"], ["xlsx", "disclosures.xlsx"]]) {
  try {
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), page.getByTestId(link).click()]);
    await download.saveAs(`${out}/${file}`);
    console.log(`PASS desk-export-${link}`);
  } catch (err) {
    failed = true;
    console.log(`FAIL desk-export-${link}: ${err.message.split("\n")[0]}`);
  }
}

await check(page, "desk-disclosure", async () => {
  await page.getByRole("link", { name: /^GIFT-/ }).first().click();
}, ["Gift declaration GIFT-", "Acme Logistics", "Decide"]);
await check(page, "desk-approved", async () => {
  await page.getByLabel("Comment (the discloser sees it; required to decline)").fill("Fine: keep it and share it with the team.");
  await page.getByRole("button", { name: "Approve" }).click();
}, ["Done: approved. The discloser has been told in their chat."]);
await told("desk-discloser-told", "a:discloser-acme", "approved your gift declaration");

await check(page, "desk-faq", async () => { await page.getByTestId("nav-faq").click(); }, ["Can I keep a pen from a supplier?", "at a religious festival?"]);
await check(page, "desk-faq-edited", async () => {
  await page.getByRole("row", { name: /pen from a supplier/ }).getByRole("link", { name: "Edit" }).click();
  await page.locator('textarea[name="answer"]').fill("Yes: a pen of token value is a minor gift (IOM 5.50).");
  await page.getByRole("button", { name: "Save", exact: true }).click();
}, ["Saved: the bot answers with the new text now.", "Preview of the answer card", "a pen of token value is a minor gift"]);

await check(page, "desk-insights", async () => {
  await page.getByTestId("nav-insights").click();
  await page.locator("svg").first().waitFor({ timeout: 20000 });
}, ["Insights:", "Questions per week", "Disclosures per type and status"]);

// A campaign: two people install the app, the member creates and launches a campaign, each gets one card, one
// acknowledges in the chat, the progress shows it and the export lists the other.
const people = ["10000000-0000-0000-0000-000000000001", "10000000-0000-0000-0000-000000000002"];
const connector = "http://127.0.0.1:39391/";
const activity = (type, i, extra) => ({
  type, id: `camp-${type}-${i}-${Date.now()}`, serviceUrl: connector, channelId: "msteams",
  from: { id: `29:${people[i]}`, aadObjectId: people[i], name: `Person ${i + 1}` }, recipient: { id: "28:ethicsbot", name: "EthicsBot" },
  conversation: { id: `a:camp-${i + 1}`, conversationType: "personal", tenantId: "tenant-1" }, channelData: { tenant: { id: "tenant-1" } }, ...extra,
});
const toBot = (body) => fetch(`${bot}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
for (const i of [0, 1]) await toBot(activity("conversationUpdate", i, { membersAdded: [{ id: "28:ethicsbot" }] }));
const campaignCards = (conversation) => connectorCalls().filter((c) => decodeURIComponent(c.path).includes(`/conversations/${conversation}/`) && JSON.stringify(c.body ?? {}).includes("campaign.acknowledge"));
await check(page, "desk-campaign-created", async () => {
  await page.getByTestId("nav-campaigns").click();
  await page.getByLabel(/^Code version/).fill("IOM Standards of Conduct, 2026");
  await page.getByRole("button", { name: /Create the campaign/ }).click();
}, ["Created. Check it, then launch it", "IOM Standards of Conduct, 2026"]);
await check(page, "desk-campaign-launched", async () => { await page.getByTestId("launch").click(); }, ["Launched: 2 people queued"]);
let campaignId = null;
for (let i = 0; i < 200 && !(campaignCards("a:camp-1").length && campaignCards("a:camp-2").length); i++) await new Promise((r) => setTimeout(r, 100));
if (campaignCards("a:camp-1").length === 1 && campaignCards("a:camp-2").length === 1) {
  campaignId = JSON.stringify(campaignCards("a:camp-1")[0].body).match(/"campaign":"([0-9a-f]{32})"/)[1];
  console.log("PASS desk-campaign-cards (one card in each chat)");
} else { failed = true; console.log(`FAIL desk-campaign-cards: ${campaignCards("a:camp-1").length} and ${campaignCards("a:camp-2").length} cards`); }
const ack = await toBot(activity("invoke", 0, { name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "campaign.acknowledge", data: { campaign: campaignId } }, trigger: "manual" } }));
const ackText = await ack.text();
if (ack.status === 200 && ackText.includes("You acknowledged IOM Standards of Conduct, 2026")) console.log("PASS desk-campaign-acknowledged-in-chat");
else { failed = true; console.log(`FAIL desk-campaign-acknowledged-in-chat: ${ack.status} ${ackText.slice(0, 200)}`); }
await check(page, "desk-campaign-progress", async () => {
  await page.getByTestId("nav-campaigns").click();
  await page.getByRole("link", { name: "Open" }).first().click();
  await page.locator('[data-testid="acknowledged"]', { hasText: /^1$/ }).waitFor({ timeout: 20000 });
  await page.locator('[data-testid="pending"]', { hasText: /^1$/ }).waitFor({ timeout: 20000 });
}, ["Not yet acknowledged", "Person 2"]);
try {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), page.getByTestId("csv").click()]);
  await download.saveAs(`${out}/not-acknowledged.csv`);
  const csv = readFileSync(`${out}/not-acknowledged.csv`, "utf8");
  if (!csv.includes(people[1]) || csv.includes(people[0])) throw new Error(`the export does not list exactly the person who has not acknowledged: ${csv}`);
  console.log("PASS desk-campaign-export");
} catch (err) {
  failed = true;
  console.log(`FAIL desk-campaign-export: ${err.message.split("\n")[0]}`);
}

// Turned away in the page: someone outside the office, and a token signed by someone else.
const stranger = await open(tokens.stranger);
await check(stranger, "desk-non-member", async () => {}, ["Only members of an ethics office can use the desk."]);
const forged = await open(tokens.forged);
await check(forged, "desk-forged-token", async () => {}, ["Sign-in needed"]);

// And for every page and action, by HTTP.
const routes = [
  ["GET", "/office/api/queue"], ["GET", "/office/api/register"], ["GET", "/office/api/register.csv"], ["GET", "/office/api/register.xlsx"],
  ["GET", "/office/api/faq"], ["GET", "/office/api/insights"], ["GET", "/office/api/queue/iom/x"], ["POST", "/office/api/queue/iom/x/answer"],
  ["POST", "/office/api/queue/iom/x/assign"], ["POST", "/office/api/queue/iom/x/dismiss"], ["GET", "/office/api/register/iom/x"],
  ["POST", "/office/api/register/iom/x/decide"], ["GET", "/office/api/faq/iom/x"], ["POST", "/office/api/faq/iom/x/edit"], ["POST", "/office/api/faq/iom/x/withdraw"],
  ["POST", "/office/api/faq/iom/x/publish"], ["GET", "/office/api/campaigns"], ["POST", "/office/api/campaigns/iom"], ["GET", "/office/api/campaigns/iom/x"],
  ["POST", "/office/api/campaigns/iom/x/launch"], ["GET", "/office/api/campaigns/iom/x/pending.csv"],
];
const refusals = [];
for (const [method, path] of routes)
  for (const [who, token, expected] of [["stranger", tokens.stranger, 403], ["forged", tokens.forged, 401], ["none", null, 401]]) {
    const headers = token ? { authorization: `Bearer ${token}` } : {};
    const response = await fetch(`${bot}${path}`, { method, headers, body: method === "POST" ? new URLSearchParams({ answer: "x", decision: "approved" }) : undefined });
    if (response.status !== expected) refusals.push(`${method} ${path} as ${who}: ${response.status}`);
  }
if (refusals.length === 0) console.log(`PASS desk-refusals (${routes.length} routes x 3)`);
else { failed = true; console.log(`FAIL desk-refusals: ${refusals.join("; ")}`); }

await browser.close();
process.exit(failed ? 1 : 0);
