// Drives the Microsoft 365 Agents Playground (a local Teams client) in headless Chromium, as a person would:
// types a question and a report into the compose box and waits for the bot's cards to appear in the chat (in English,
// and in Arabic and Swahili), then
// declares a gift through the form cards (radio buttons, text, number, date; Next, Review, Submit), and works the
// ethics office's review queue through to a published FAQ answer.
// Usage: node drive.mjs PLAYGROUND_URL SCREENSHOT_DIR   — exits 0 when every step passed, 1 otherwise.
import { chromium } from "playwright-core";

const [url, shots] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
let failed = false;

// The compose box: the playground's rich-text (Lexical) editor at the bottom of the chat.
const compose = () => page.locator('[data-lexical-editor="true"][contenteditable="true"]').first();

// One step as a person does it: act, then wait until every expected text shows; PASS or FAIL and a screenshot.
async function check(name, act, expect) {
  try {
    await act();
    for (const e of expect)
      await page.getByText(e, { exact: false }).last().waitFor({ timeout: 30000 });
    console.log(`PASS ${name}`);
  } catch (err) {
    failed = true;
    console.log(`FAIL ${name}: ${err.message.split("\n")[0]}`);
  }
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

const ask = (text, expect, name) => check(name, async () => {
  await compose().click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}, expect);

const click = (button) => page.getByRole("button", { name: button, exact: true }).last().click();

// A whole gift declaration in the form cards: radio buttons, text, number, date, Next/Review/Submit, as a person would.
async function declareAGift() {
  await ask("I want to declare a gift", ["Step 1 of 4"], "gift-step1");
  await check("gift-what", async () => {
    await page.getByLabel("I received it").last().check();
    await page.getByLabel("A gift", { exact: true }).last().check();
    await page.getByPlaceholder("e.g. a wristwatch").last().fill("a wristwatch");
    await page.getByLabel("A government or its officials").last().check();
    await page.getByPlaceholder("e.g. Ms A. Example").last().fill("Deputy Minister, Ministry of Interior");
    await click("Next");
  }, ["Step 2 of 4", "IOM 5.50"]);
  const today = new Date();
  today.setDate(today.getDate() - 3);
  await check("gift-value", async () => {
    await page.getByLabel("Estimated value").last().fill("250");
    await page.getByPlaceholder("USD").last().fill("usd");
    await page.getByLabel("When it was given or offered").last().fill(today.toISOString().slice(0, 10));
    await click("Next");
  }, ["Step 3 of 4"]);
  await check("gift-outcome", async () => {
    await page.getByLabel("I still have it and await direction").last().check();
    await click("Review");
  }, ["Check and submit", "Deputy Minister, Ministry of Interior", "USD"]);
  await check("gift-submitted", () => click("Submit"), ["Your reference number is", "GIFT-" + new Date().getFullYear() + "-000001"]);
}

// Staff in their own language: an Arabic question gets a right-to-left card in Arabic with the Code quoted in English;
// an Arabic report gets the handoff in Arabic; a message in Swahili (a language the bot was not trained on) the banner.
async function inTheirOwnLanguage() {
  await ask("هل يمكنني قبول هدية من مورد؟", ["ما تنص عليه المدونة", "Gifts, honours and remuneration from outside sources"], "answer-ar");
  await check("answer-ar-rtl", () => page.locator('[dir="rtl"]', { hasText: "ما تنص عليه المدونة" }).last().waitFor({ timeout: 30000 }), []);
  await ask("مديري يأخذ رشوة من المقاول منذ شهرين", ["أبلغ عن هذا عبر قناة الإبلاغ"], "handoff-ar");
  await ask("Msimamizi wangu anachukua rushwa kutoka kwa wasambazaji", ["If you are telling us about something that happened"], "banner-sw");
}

// The ethics office's loop: a question the Code does not cover is sent to the office; "review" shows it; the member
// answers it (the answer arrives in the asker's chat — here the same one), publishes it, and the same question is then
// answered from the FAQ.
async function reviewAndPublish() {
  await ask("How do I reset my laptop password?", ["The Code does not clearly cover this"], "office-notcovered");
  await check("office-send", () => click("Send my question to the ethics office"), ["Their answer will come to this chat"]);
  await ask("review", ["Open questions 1–1 of 1", "How do I reset my laptop password?"], "office-review");
  await check("office-answer", async () => {
    await click("Answer");
    await page.getByLabel("it goes to the asker's chat").last().fill("The IT service desk resets passwords: call extension 1234.");
    await click("Send the answer");
    await page.getByText("answered your question of", { exact: false }).last().waitFor({ timeout: 30000 });
    await click("Publish as FAQ");
    await page.getByText("Take out anything that could identify the asker", { exact: false }).last().waitFor({ timeout: 30000 });
    await click("Publish");
  }, ["Published: the bot now answers this question"]);
  await ask("How do I reset my laptop password?", ["Answer from the IOM Ethics and Conduct Office", "call extension 1234"], "office-faq");
}

try {
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: 60000 });
  await compose().waitFor({ timeout: 60000 });
  await ask("Can I accept a gift from a supplier?", ["What the Code says", "para. 5.49", "Show 2 more clauses", "Declare a gift"], "answer");
  await ask("My colleague is stealing fuel from the warehouse", ["Report this through the whistleblower channel", "not anonymous", "kept no copy"], "handoff");
  await inTheirOwnLanguage();
  await declareAGift();
  await reviewAndPublish();
} catch (err) {
  failed = true;
  console.log(`FAIL setup: ${err.message.split("\n")[0]}`);
  await page.screenshot({ path: `${shots}/setup.png`, fullPage: true }).catch(() => {});
  const { writeFileSync } = await import("node:fs");
  writeFileSync(`${shots}/setup.html`, await page.content());
}
await browser.close();
process.exit(failed ? 1 : 0);
