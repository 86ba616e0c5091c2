// The decision report as a person sees it: every example's report rendered in Debian's
// chromium (driven by playwright-core, no browser download) at desktop and phone width,
// printed to A4, checked with axe-core, and with every network request blocked and counted.
// Prints one PASS/FAIL line per check and closes with "N passed, N failed".
//
// Environment: REPORT_DIR (the reports, *.html, written by run.sh), CHROMIUM (default
// /usr/bin/chromium), REPORT_SCREENSHOT (optional: where to save a picture of middle-runway's first offer).
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const dir = process.env.REPORT_DIR;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const screenshot = process.env.REPORT_SCREENSHOT || '';
// pages each example's report may print on (A4): measured (3, 4, 4, 3, 3), one either side
// for font differences between machines
const PAGES = {
  'middle-runway.html': [2, 4],
  'renege.html': [3, 5],
  'renege-redacted.html': [3, 5],
  'strong-small-gap.html': [2, 4],
  'weak-walk.html': [2, 4],
  default: [1, 8],
};

let passed = 0;
let failed = 0;
const check = (ok, what, detail = '') => {
  if (ok) {
    passed += 1;
    console.log(`PASS ${what}`);
  } else {
    failed += 1;
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`);
  }
};

const profile = mkdtempSync(join(tmpdir(), 'offer-notes-report-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
  ],
});
// every request the page makes is refused and remembered: a self-contained report makes none
const requests = [];
await context.route('**/*', (route) => {
  requests.push(route.request().url());
  return route.abort();
});

const reports = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
check(reports.length > 0, `reports to render in ${dir}`);

for (const file of reports) {
  const html = readFileSync(join(dir, file), 'utf8');
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  const before = requests.length;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.setContent(html, { waitUntil: 'load' });
    const facts = await page.evaluate(() => {
      const charts = [...document.querySelectorAll('svg.chart')].map((svg) => {
        const box = svg.getBoundingClientRect();
        const vb = svg.viewBox.baseVal;
        const outside = [...svg.querySelectorAll('text')]
          .map((t) => ({ t: t.textContent, b: t.getBBox() }))
          .filter(({ b }) => b.x < -0.5 || b.y < -0.5 || b.x + b.width > vb.width + 0.5 || b.y + b.height > vb.height + 0.5)
          .map(({ t }) => t);
        return {
          id: svg.id || svg.getAttribute('aria-labelledby'),
          width: box.width,
          height: box.height,
          outside,
          titled: !!svg.querySelector('title')?.textContent && !!svg.querySelector('desc')?.textContent,
          table: !!svg.closest('figure')?.querySelector('table'),
        };
      });
      const overflowing = [...document.querySelectorAll('h1,h2,h3,h4,p,li,figcaption,caption,th,td,.badge')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.tagName}: ${el.textContent.slice(0, 40)}`);
      return {
        charts,
        overflowing,
        pageWidth: document.documentElement.scrollWidth,
        heading: document.querySelector('h1')?.textContent,
      };
    });
    const at = `${file} at ${width}px`;
    check(facts.heading === 'Decision report', `${at}: the heading`, facts.heading);
    check(facts.charts.length >= 3, `${at}: at least three charts`, `${facts.charts.length}`);
    const empty = facts.charts.filter((c) => !(c.width > 0 && c.height > 0));
    check(empty.length === 0, `${at}: every chart has a size`, JSON.stringify(empty));
    const outside = facts.charts.filter((c) => c.outside.length > 0);
    check(outside.length === 0, `${at}: chart texts stay inside their drawing`, JSON.stringify(outside));
    const bare = facts.charts.filter((c) => !c.titled || !c.table);
    check(bare.length === 0, `${at}: every chart has a title, a description and a table`, JSON.stringify(bare));
    check(facts.overflowing.length === 0, `${at}: no text overflows its box`, facts.overflowing.join(' | '));
    check(facts.pageWidth <= width, `${at}: no sideways scrolling`, `${facts.pageWidth}px`);
    await page.addScriptTag({ content: axeSource });
    const axe = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`);
    });
    check(axe.length === 0, `${at}: axe-core finds no violations`, axe.join('; '));
    if (width === 1280 && screenshot && file === 'middle-runway.html') {
      // the first offer: its recommendation, its reasons weighed, its years against the floor
      await page.setContent(html, { waitUntil: 'load' });
      await page.locator('article.offer').first().screenshot({ path: screenshot });
      console.log(`screenshot: ${screenshot}`);
    }
  }
  await page.setContent(html, { waitUntil: 'load' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  const [low, high] = PAGES[file] || PAGES.default;
  check(pages >= low && pages <= high, `${file}: prints on ${low}–${high} A4 pages`, `${pages}`);
  console.log(`${file}: ${pages} A4 pages`);
  check(requests.length === before, `${file}: no network request attempted`, requests.slice(before).join(', '));
  await page.close();
}

await context.close();
rmSync(profile, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
