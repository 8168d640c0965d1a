// panelpaper's browser checks, in Debian's Chromium driven by playwright-core (no browser
// download). One command per run; each prints JSON on stdout for the Rust tests to read.
//
//   node browser.mjs axe FILE...               axe-core at WCAG 2.2 AA: the violations of each page
//   node browser.mjs axe-best FILE...          the same, with axe's best-practice rules too
//   node browser.mjs text FILE                 the page's text as a reader sees it (innerText)
//   node browser.mjs dom FILE                  the page's links (text, href), struck and code texts
//   node browser.mjs shots FILE PREFIX         PREFIX-screen.png, and PREFIX-print.pdf as Chromium prints it
//   node browser.mjs reload URL FILE FROM TO SHOWN
//                                              open URL, replace FROM by TO in FILE and time the page's
//                                              reload (which must show SHOWN); then break FILE, wait for
//                                              the problems overlay, restore FILE and wait for it to go
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const executablePath = process.env.PANELPAPER_CHROMIUM || "/usr/bin/chromium";
// The machine has no internet: Chromium's own background traffic is switched off.
const args = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
];
const [command, ...rest] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  const url = (file) => (/^https?:/.test(file) ? file : pathToFileURL(file).href);
  let result;
  if (command === "axe" || command === "axe-best") {
    const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    if (command === "axe-best") tags.push("best-practice");
    const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
    result = [];
    for (const file of rest) {
      await page.goto(url(file));
      await page.addScriptTag({ content: source });
      const found = await page.evaluate((tags) =>
        window.axe.run(document, {
          runOnly: { type: "tag", values: tags },
        }),
      tags);
      result.push({
        file,
        passes: found.passes.map((p) => p.id),
        violations: found.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html) })),
      });
    }
  } else if (command === "dom") {
    await page.goto(url(rest[0]));
    result = await page.evaluate(() => ({
      links: [...document.querySelectorAll("a[href]")].map((a) => [a.innerText, a.getAttribute("href")]),
      struck: [...document.querySelectorAll("s")].map((e) => e.innerText),
      code: [...document.querySelectorAll("code")].map((e) => e.innerText),
    }));
  } else if (command === "anchors") {
    // Each internal link followed in the page: the element its anchor names, the text of
    // the block that holds it, and whether following the link scrolled it into view.
    await page.goto(url(rest[0]));
    const links = await page.evaluate(() =>
      [...document.querySelectorAll('a[href^="#"]')].map((a) => [a.innerText, a.getAttribute("href")]));
    result = [];
    for (const [text, href] of links) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.click(`a[href="${href}"] >> nth=0`);
      result.push(await page.evaluate(([text, href]) => {
        const target = document.getElementById(decodeURIComponent(href.slice(1)));
        const block = target && target.closest("h1, h2, h3, h4, h5, h6, p, li, td, th");
        const top = target ? target.getBoundingClientRect().top : null;
        return { text, href, found: !!target, block: block ? block.innerText : null, inView: top !== null && top >= -2 && top < window.innerHeight, hash: location.hash };
      }, [text, href]));
    }
  } else if (command === "text") {
    await page.goto(url(rest[0]));
    result = { text: await page.evaluate(() => document.body.innerText), title: await page.title() };
  } else if (command === "shots") {
    const [file, prefix] = rest;
    await page.goto(url(file));
    await page.screenshot({ path: `${prefix}-screen.png`, fullPage: false });
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: `${prefix}-print.pdf`, preferCSSPageSize: true, printBackground: true });
    result = { screen: `${prefix}-screen.png`, print: `${prefix}-print.pdf` };
  } else if (command === "reload") {
    const [address, file, from, to, shown] = rest;
    await page.goto(address);
    // Time for the page's script to open its event stream.
    await page.waitForTimeout(500);
    const text = readFileSync(file, "utf8");
    if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
    const reloaded = page.waitForEvent("load", { timeout: 5000 });
    const saved = Date.now();
    writeFileSync(file, text.replace(from, to));
    await reloaded;
    const reloadMs = Date.now() - saved;
    const shows = await page.evaluate((shown) => document.body.innerText.includes(shown), shown);
    await page.waitForTimeout(300);
    writeFileSync(file, text.replace(from, "[broken"));
    const overlay = await page.waitForSelector("#panelpaper-problems", { timeout: 5000 });
    const overlayText = await overlay.innerText();
    const restored = page.waitForEvent("load", { timeout: 5000 });
    writeFileSync(file, text);
    await restored;
    const overlayGone = (await page.$("#panelpaper-problems")) === null;
    result = { reloadMs, shows, overlayText, overlayGone };
  } else {
    throw new Error(`unknown command ${command}`);
  }
  process.stdout.write(JSON.stringify(result) + "\n");
} finally {
  await browser.close();
}
