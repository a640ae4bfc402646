#!/usr/bin/env node
// Checks a page written by `entente report FILE -o DIR` (DIR/index.html) in a
// real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
//
//   node check-report.mjs [--hostile] INDEX_HTML [SCREENSHOT.png]
//
// Exit status: 0 all checks passed, 1 a check failed (or the browser could not
// be started), 2 usage error. Every failed check prints a "FAIL" line that says
// what was expected and what was found. See README.md for the page contract.
//
// Kept to what Node 18 (Debian 12's nodejs) understands.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
const VIEWPORT = { width: 1280, height: 800 };
// The page's width at which the diagrams' labels must be legible, and how
// large an actor's label must be drawn there (CSS pixels).
const LEGIBLE_VIEWPORT = { width: 1100, height: 800 };
const MIN_LABEL_PX = 9;
const ACTION_TIMEOUT_MS = 5000;
// Guards against a hang, not speed limits: the full-page screenshot of the
// bundled graph's report (over 200,000 px tall) took from 45 s to over 60 s
// on a loaded machine (load average 16 to 24 on 2 cores).
const SCREENSHOT_TIMEOUT_MS = 180000;
const WATCHDOG_MS = 420000;
// Schemes that never leave the machine. Anything else is a network access.
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'about:', 'blob:']);

function usage(msg) {
  if (msg) process.stderr.write(`check-report: ${msg}\n`);
  process.stderr.write(
    'usage: node check-report.mjs [--hostile] INDEX_HTML [SCREENSHOT.png]\n' +
      '  INDEX_HTML   the page written by `entente report` (DIR/index.html)\n' +
      '  SCREENSHOT   where to write the full-page PNG; the headline figure goes\n' +
      '               next to it as NAME-headline.png (default: temporary, deleted)\n' +
      '  --hostile    also assert that no script can run and that markup in the\n' +
      '               data (the literal text <script>) is shown as text\n');
  process.exit(2);
}

// ---- arguments -------------------------------------------------------------
let hostile = false;
const positional = [];
for (const a of process.argv.slice(2)) {
  if (a === '--hostile') hostile = true;
  else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else positional.push(a);
}
if (positional.length < 1 || positional.length > 2) usage('expected INDEX_HTML [SCREENSHOT.png]');
const indexPath = path.resolve(positional[0]);
if (!fs.existsSync(indexPath) || !fs.statSync(indexPath).isFile()) {
  process.stderr.write(`check-report: FAIL - no such file: ${indexPath}\n`);
  process.exit(1);
}

// ---- reporting ---------------------------------------------------------------
const failures = [];
function ok(what) {
  process.stdout.write(`ok   - ${what}\n`);
}
function fail(what) {
  failures.push(what);
  process.stdout.write(`FAIL - ${what}\n`);
}
function note(what) {
  process.stdout.write(`note - ${what}\n`);
}
function check(cond, what, whyNot) {
  if (cond) ok(what);
  else fail(whyNot ? `${what}: ${whyNot}` : what);
  return cond;
}

// ---- PNG / PDF sanity ----------------------------------------------------------
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function pngProblem(buf) {
  if (!buf || buf.length === 0) return 'empty file';
  if (buf.length < 33 || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) return 'not a PNG (bad signature)';
  if (buf.toString('latin1', 12, 16) !== 'IHDR') return 'not a PNG (no IHDR chunk)';
  const w = buf.readUInt32BE(16);
  const h = buf.readUInt32BE(20);
  if (w === 0 || h === 0) return `PNG has a zero size (${w}x${h})`;
  return null;
}
function pngSize(buf) {
  return `${buf.readUInt32BE(16)}x${buf.readUInt32BE(20)}`;
}

// ---- the checks ------------------------------------------------------------------
async function run() {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    fail(`cannot load playwright-core (run tests/browser/setup.sh first): ${e.message}`);
    return;
  }
  if (!fs.existsSync(CHROMIUM)) {
    fail(`no Chromium at ${CHROMIUM} (run tests/browser/setup.sh, or set CHROMIUM=)`);
    return;
  }

  // The screenshot paths: given, or in a temporary directory removed at the end.
  let scratch = null;
  let shotPath;
  if (positional[1]) {
    shotPath = path.resolve(positional[1]);
  } else {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-shot-'));
    shotPath = path.join(scratch, 'page.png');
  }
  const headlinePath = shotPath.replace(/(\.png)?$/i, '-headline.png');
  const diffPath = shotPath.replace(/(\.png)?$/i, '-headline-diff.png');

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-chromium-'));
  let context = null;
  try {
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: VIEWPORT,
        deviceScaleFactor: 1,
        timeout: 30000,
      });
    } catch (e) {
      fail(`cannot start Chromium (${CHROMIUM}): ${e.message.split('\n')[0]}`);
      return;
    }
    await checkPage(context, shotPath, headlinePath, diffPath);
  } finally {
    if (context) await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function checkPage(context, shotPath, headlinePath, diffPath) {
  const consoleErrors = [];
  const pageErrors = [];
  const failedRequests = [];
  const networkRequests = [];

  // Nothing may leave the machine: every request for a non-local URL is
  // recorded and aborted before Chromium sends it.
  await context.route(
    (url) => !LOCAL_SCHEMES.has(url.protocol),
    (route) => {
      networkRequests.push(route.request().url());
      return route.abort('blockedbyclient');
    });
  context.on('websocket', (ws) => networkRequests.push(ws.url()));

  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  page.on('console', (m) => {
    if (m.type() === 'error') {
      const loc = m.location();
      consoleErrors.push(`${m.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('requestfailed', (r) => {
    const f = r.failure();
    failedRequests.push(`${r.url()} (${f ? f.errorText : 'failed'})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) failedRequests.push(`${r.url()} (HTTP ${r.status()})`);
  });

  const url = pathToFileURL(indexPath).href;
  const t0 = Date.now();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 15000 });
  } catch (e) {
    fail(`load ${url}: ${e.message.split('\n')[0]}`);
    return;
  }
  ok(`page loads (${Date.now() - t0} ms): ${url}`);

  await checkHead(page);
  await checkFold(page);
  await checkNav(page);
  await checkLabels(page);
  await checkHeadline(page, headlinePath);
  if (!hostile) await checkHeadlineDiff(page, diffPath);
  await checkScreenshot(page, shotPath);
  await checkPrint(page);
  if (hostile) await checkHostile(page);

  // Let anything the interactions started (lazy images, say) settle, then
  // judge the whole session's console, errors and requests.
  await page.waitForTimeout(100);
  // Our own blocking of a network request also shows as a console error; the
  // network check below reports that request, so do not count it twice.
  const blockedByUs = (m) => m.includes('ERR_BLOCKED_BY_CLIENT') && networkRequests.some((n) => m.includes(n));
  const ownErrors = consoleErrors.filter((m) => !blockedByUs(m));
  const list = (xs) => xs.slice(0, 10).join('; ') + (xs.length > 10 ? `; ... (${xs.length} in all)` : '');
  check(ownErrors.length === 0, 'no console error', `${ownErrors.length}: ${list(ownErrors)}`);
  check(pageErrors.length === 0, 'no uncaught page error', `${pageErrors.length}: ${list(pageErrors)}`);
  check(networkRequests.length === 0, 'no network access (only file: and data: URLs)',
    `${networkRequests.length} request(s) to the network: ${list(networkRequests)}`);
  const otherFailed = failedRequests.filter((r) => !networkRequests.some((n) => r.startsWith(n + ' ')));
  check(otherFailed.length === 0, 'no failed request', `${otherFailed.length}: ${list(otherFailed)}`);
}

async function checkHead(page) {
  const head = await page.evaluate(() => {
    const meta = document.querySelector('meta[charset]');
    return {
      title: document.title,
      hasTitleElement: !!document.querySelector('head > title'),
      metaCharset: meta ? meta.getAttribute('charset') : null,
      characterSet: document.characterSet,
    };
  });
  check(head.hasTitleElement && head.title.trim() !== '', 'document has a non-empty <title>',
    head.hasTitleElement ? 'the <title> is empty' : 'no <title> in <head>');
  check(head.metaCharset !== null && head.metaCharset.trim().toLowerCase() === 'utf-8',
    'document has <meta charset="utf-8">',
    head.metaCharset === null ? 'no <meta charset>' : `found charset="${head.metaCharset}"`);
  // The prescan only looks at the first 1024 bytes; later, a file: page falls
  // back to windows-1252 and non-ASCII names come out garbled.
  check(head.characterSet === 'UTF-8', 'Chromium decoded the page as UTF-8',
    `decoded as ${head.characterSet} (is <meta charset> within the first 1024 bytes?)`);
}

// The state of an element as the reader sees it: box, viewport, styles.
function elementState(el) {
  if (!el) return null;
  const r = el.getBoundingClientRect();
  let hiddenBy = null;
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const cs = getComputedStyle(e);
    if (cs.display === 'none') { hiddenBy = `display:none on <${e.localName}${e.id ? '#' + e.id : ''}>`; break; }
  }
  const cs = getComputedStyle(el);
  if (!hiddenBy && cs.visibility !== 'visible') hiddenBy = `visibility:${cs.visibility}`;
  if (!hiddenBy && el.checkVisibility && !el.checkVisibility({ opacityProperty: true, contentVisibilityAuto: true }))
    hiddenBy = 'checkVisibility() is false (opacity:0 or content-visibility)';
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  return {
    tag: el.localName,
    x: r.x, y: r.y, width: r.width, height: r.height,
    inViewport: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw,
    hiddenBy,
    viewport: `${vw}x${vh}`,
  };
}
const fmtBox = (s) => `box ${Math.round(s.width)}x${Math.round(s.height)} at (${Math.round(s.x)},${Math.round(s.y)}) in viewport ${s.viewport}`;

async function checkNav(page) {
  const nav = await page.evaluate(() => {
    const n = document.getElementById('nav');
    if (!n) return null;
    return {
      tag: n.localName,
      links: [...n.querySelectorAll('a[href^="#"]')].map((a) => ({
        href: a.getAttribute('href'),
        text: a.textContent.trim().replace(/\s+/g, ' ').slice(0, 60),
      })),
    };
  });
  if (!check(nav !== null, 'page has <nav id="nav">', 'no element with id="nav"')) return;
  check(nav.tag === 'nav', '#nav is a <nav> element', `it is a <${nav.tag}>`);
  if (!check(nav.links.length >= 2, 'nav has at least 2 in-page links (a[href^="#"])',
    `found ${nav.links.length}`)) return;

  const links = page.locator('#nav a[href^="#"]');
  for (let i = 0; i < nav.links.length; i++) {
    const { href, text } = nav.links[i];
    let id;
    try {
      id = decodeURIComponent(href.slice(1));
    } catch (e) {
      id = href.slice(1);
    }
    const label = `nav link ${i + 1} "${text}" (${href})`;
    if (id === '') { fail(`${label}: empty fragment`); continue; }
    const exists = await page.evaluate((id) => !!document.getElementById(id), id);
    if (!check(exists, `${label} targets an existing element`, `no element has id="${id}"`)) continue;

    // Start from the top each time so that the click has to bring the target in.
    await page.evaluate(() => window.scrollTo({ top: 0, left: 0, behavior: 'instant' }));
    try {
      await links.nth(i).click();
    } catch (e) {
      fail(`${label}: cannot click: ${e.message.split('\n')[0]}`);
      continue;
    }
    // Wait out smooth scrolling, if the page asks for it.
    try {
      await page.waitForFunction((id) => {
        const r = document.getElementById(id).getBoundingClientRect();
        return r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth;
      }, id, { timeout: 2000, polling: 50 });
    } catch (e) { /* reported below with the numbers */ }
    const target = await page.evaluateHandle((id) => document.getElementById(id), id);
    const st = await target.evaluate(elementState);
    await target.dispose();
    const hash = await page.evaluate(() => decodeURIComponent(location.hash));
    check(hash === `#${id}`, `${label}: click sets location.hash`, `location.hash is "${hash}"`);
    check(st.width > 0 && st.height > 0 && !st.hiddenBy, `${label}: target #${id} is visible`,
      st.hiddenBy ? `hidden by ${st.hiddenBy}` : `zero size (${fmtBox(st)})`);
    check(st.inViewport, `${label}: target #${id} is in the viewport after the click`, fmtBox(st));
  }
}

// Above the fold, as the page opens: the summary's heading and its first
// words, and the timeline chart (#timeline) with at least 250 px of its
// drawing in view, before any table; the chart's lines each have a <title>.
async function checkFold(page) {
  await page.evaluate(() => window.scrollTo({ top: 0, left: 0, behavior: 'instant' }));
  const f = await page.evaluate(() => {
    const vh = window.innerHeight;
    const sec = document.getElementById('summary');
    const h2 = sec ? sec.querySelector('h2') : null;
    const p = sec ? sec.querySelector('p') : null;
    const svg = document.querySelector('#timeline svg');
    const table = document.querySelector('table');
    const box = (e) => (e ? e.getBoundingClientRect() : null);
    const lines = svg ? [...svg.querySelectorAll('path.line')] : [];
    return {
      vh,
      firstSection: document.querySelector('main section') ? document.querySelector('main section').id : null,
      h2: box(h2), p: box(p), svg: box(svg), table: box(table),
      lines: lines.length,
      titled: lines.filter((l) => l.querySelector('title') && l.querySelector('title').textContent.trim()).length,
    };
  });
  if (!check(f.firstSection === 'summary', 'the first section is the summary', `it is #${f.firstSection}`)) return;
  check(f.h2 && f.h2.bottom <= f.vh && f.p && f.p.top < f.vh,
    'the summary\'s heading and first paragraph are above the fold',
    f.h2 ? `heading bottom ${Math.round(f.h2.bottom)}, paragraph top ${f.p ? Math.round(f.p.top) : '-'}, viewport ${f.vh}` : 'no heading');
  if (!check(f.svg !== null, 'the summary has the timeline chart (#timeline svg)', 'not found')) return;
  const shown = Math.min(f.svg.bottom, f.vh) - Math.max(f.svg.top, 0);
  check(shown >= 250, `at least 250 px of the timeline chart above the fold (${Math.round(shown)} px)`,
    `chart from ${Math.round(f.svg.top)} to ${Math.round(f.svg.bottom)}, viewport ${f.vh}`);
  check(!f.table || f.table.top > f.svg.top, 'the chart comes before any table',
    `first table at ${Math.round(f.table ? f.table.top : 0)}, chart at ${Math.round(f.svg.top)}`);
  check(f.lines > 0 && f.titled === f.lines, `every line of the chart has a <title> (${f.lines})`,
    `${f.titled} of ${f.lines}`);
}

// Every diagram of the page (a figure whose inline SVG has Graphviz nodes),
// with the window 1,100 px wide: the rendered size of every actor's label
// (a node that is not part of the legend) is its font size times the scale
// from the SVG's user units to CSS pixels (getScreenCTM), and must be at
// least MIN_LABEL_PX. The actors a diagram leaves out (the note under its
// legend) are the ones its caption lists (.left-out), in the same order.
async function checkLabels(page) {
  await page.setViewportSize(LEGIBLE_VIEWPORT);
  try {
    const figs = await page.evaluate(() => {
      const out = [];
      const figures = [...document.querySelectorAll('figure')];
      figures.forEach((fig, k) => {
        const svg = fig.querySelector('svg');
        if (!svg) return;
        const nodes = [...svg.querySelectorAll('g.node')];
        if (!nodes.length) return; // not a diagram (the timeline chart)
        const capText = fig.querySelector('figcaption') && fig.querySelector('figcaption').firstChild;
        const name = fig.id ? `#${fig.id}` : `figure ${k + 1} (${capText ? capText.textContent.slice(0, 40) : ''})`;
        let labels = 0;
        let min = Infinity;
        let minText = '';
        const note = [];
        for (const n of nodes) {
          const title = n.querySelector('title');
          const t = title ? title.textContent : '';
          if (t.startsWith('legend/')) {
            if (t.startsWith('legend/note/'))
              note.push([...n.querySelectorAll('text')].map((x) => x.textContent).join(' ').replace(/\s+/g, ' ').trim());
            continue;
          }
          for (const text of n.querySelectorAll('text')) {
            const m = text.getScreenCTM();
            const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
            const px = parseFloat(getComputedStyle(text).fontSize) * scale;
            labels++;
            if (px < min) { min = px; minText = text.textContent; }
          }
        }
        const cap = fig.querySelector('figcaption .left-out');
        out.push({
          name, labels, min, minText,
          width: svg.getBoundingClientRect().width,
          note: note.join(' '),
          caption: cap ? cap.textContent.replace(/\s+/g, ' ').trim() : '',
        });
      });
      return out;
    });
    if (!check(figs.length > 0, `the page has diagrams with actors (${figs.length})`, 'none found')) return;
    let worst = Infinity;
    for (const f of figs) {
      worst = Math.min(worst, f.min);
      check(f.labels > 0 && f.min >= MIN_LABEL_PX,
        `${f.name}: ${f.labels} actor labels at least ${MIN_LABEL_PX} px at ${LEGIBLE_VIEWPORT.width} px wide ` +
        `(smallest ${f.min.toFixed(1)} px, drawing ${Math.round(f.width)} px wide)`,
        `smallest label "${f.minText}" is ${f.min.toFixed(2)} px (drawing ${Math.round(f.width)} px wide)`);
      // "Not drawn, ... (--all-actors draws them): A, B, C." against
      // "Not drawn, without a relation on ...: A, B, C."; the note stops
      // after eight lines ("and N more."), so it is then a prefix.
      const after = (s, sep) => (s.indexOf(sep) < 0 ? '' : s.slice(s.indexOf(sep) + sep.length));
      const list = (s) => s.replace(/\.$/, '').split(/,\s+/).map((x) => x.trim()).filter((x) => x !== '');
      const inNote = list(after(f.note, 'draws them): '));
      const inCaption = list(after(f.caption, ': '));
      const more = inNote.length > 0 && /^and \d+ more$/.test(inNote[inNote.length - 1]);
      const expect = more ? inNote.slice(0, -1) : inNote;
      // The note cuts a long name with an ellipsis: then a prefix of the caption's.
      const match = (n, c) => c !== undefined && (n === c || (n.endsWith('\u2026') && c.startsWith(n.slice(0, -1))));
      const same = expect.every((x, i) => match(x, inCaption[i])) &&
        (more ? inCaption.length > expect.length : inCaption.length === expect.length);
      check(same, `${f.name}: the caption names the ${inCaption.length} actors left out, as the drawing's note does`,
        `note: [${inNote.join(' | ')}]; caption: [${inCaption.join(' | ')}]`);
    }
    note(`smallest actor label over ${figs.length} diagrams at ${LEGIBLE_VIEWPORT.width} px: ${worst.toFixed(1)} px`);
  } finally {
    await page.setViewportSize(VIEWPORT);
  }
}

async function checkHeadline(page, headlinePath) {
  const fig = page.locator('#headline-before-after');
  const n = await fig.count();
  if (!check(n === 1, 'page has one #headline-before-after', `found ${n}`)) return;
  const tag = await fig.evaluate((e) => e.localName);
  check(tag === 'figure', '#headline-before-after is a <figure>', `it is a <${tag}>`);
  const svg = page.locator('#headline-before-after svg').first();
  if (!check((await svg.count()) === 1, '#headline-before-after contains an inline <svg>',
    'no <svg> element inside it (an <img> or <object> does not count)')) return;

  // Bring the figure in: its top at the top of the viewport when it is taller
  // than the viewport, centred otherwise.
  await fig.evaluate((e) => {
    const tall = e.getBoundingClientRect().height > window.innerHeight;
    e.scrollIntoView({ block: tall ? 'start' : 'center', inline: 'nearest', behavior: 'instant' });
  });
  await page.waitForTimeout(50);
  const st = await svg.evaluate(elementState);
  check(!st.hiddenBy && st.width > 0 && st.height > 0, 'headline <svg> is visible',
    st.hiddenBy ? `hidden by ${st.hiddenBy}` : `zero size (${fmtBox(st)})`);
  check(st.inViewport, 'headline <svg> is in the viewport once scrolled into view', fmtBox(st));
  check(st.width > 300 && st.height > 100,
    `headline <svg> is large enough for two panels (${Math.round(st.width)}x${Math.round(st.height)} > 300x100)`,
    `rendered ${fmtBox(st)}`);

  try {
    await page.screenshot({ path: headlinePath, fullPage: false });
    const problem = pngProblem(fs.readFileSync(headlinePath));
    check(!problem, `headline screenshot ${headlinePath}` +
      (problem ? '' : ` (${pngSize(fs.readFileSync(headlinePath))})`), problem);
  } catch (e) {
    fail(`headline screenshot ${headlinePath}: ${e.message.split('\n')[0]}`);
  }
}

// The headline's diff figure, brought into view and photographed (the element
// alone), so that the picture of what changed can be looked at too.
async function checkHeadlineDiff(page, diffPath) {
  const fig = page.locator('#headline-diff');
  const n = await fig.count();
  if (!check(n === 1, 'page has one #headline-diff', `found ${n}`)) return;
  const svg = page.locator('#headline-diff svg').first();
  if (!check((await svg.count()) === 1, '#headline-diff contains an inline <svg>', 'none')) return;
  try {
    await fig.evaluate((e) => e.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await page.waitForTimeout(50);
    await fig.screenshot({ path: diffPath, timeout: SCREENSHOT_TIMEOUT_MS });
    const problem = pngProblem(fs.readFileSync(diffPath));
    check(!problem, `headline diff screenshot ${diffPath}` +
      (problem ? '' : ` (${pngSize(fs.readFileSync(diffPath))})`), problem);
  } catch (e) {
    fail(`headline diff screenshot ${diffPath}: ${e.message.split('\n')[0]}`);
  }
}

async function checkScreenshot(page, shotPath) {
  try {
    await page.evaluate(() => window.scrollTo({ top: 0, left: 0, behavior: 'instant' }));
    await page.screenshot({ path: shotPath, fullPage: true, timeout: SCREENSHOT_TIMEOUT_MS });
    const buf = fs.readFileSync(shotPath);
    const problem = pngProblem(buf);
    check(!problem, `full-page screenshot ${shotPath}` + (problem ? '' : ` (${pngSize(buf)})`), problem);
  } catch (e) {
    fail(`full-page screenshot ${shotPath}: ${e.message.split('\n')[0]}`);
  }
}

async function checkPrint(page) {
  let pdf;
  try {
    pdf = await page.pdf({ format: 'A4', printBackground: true });
  } catch (e) {
    note(`print to PDF skipped, Chromium refused: ${e.message.split('\n')[0]}`);
    return;
  }
  const isPdf = pdf.length > 0 && pdf.subarray(0, 5).toString('latin1') === '%PDF-';
  check(isPdf, `page prints to PDF (${pdf.length} bytes)`,
    pdf.length === 0 ? 'empty PDF' : 'output does not start with %PDF-');
}

async function checkHostile(page) {
  const h = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const onAttrs = [];
    const jsUrls = [];
    for (const el of all) {
      for (const a of el.attributes) {
        const where = `<${el.localName}${el.id ? '#' + el.id : ''} ${a.name}>`;
        if (a.name.toLowerCase().startsWith('on')) onAttrs.push(where);
        if (/^\s*javascript:/i.test(a.value) && /(^|:)(href|src|action|formaction|data)$/i.test(a.name))
          jsUrls.push(where);
      }
    }
    return {
      scripts: document.querySelectorAll('script').length,
      onAttrs,
      jsUrls,
      embeds: [...document.querySelectorAll('iframe, frame, object, embed')].map((e) => e.localName),
      pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
      text: document.body ? document.body.innerText : '',
    };
  });
  const list = (xs) => xs.slice(0, 8).join(', ') + (xs.length > 8 ? `, ... (${xs.length} in all)` : '');
  check(h.scripts === 0, 'hostile: no <script> element in the document', `found ${h.scripts}`);
  check(h.onAttrs.length === 0, 'hostile: no on* event-handler attribute',
    `${h.onAttrs.length}: ${list(h.onAttrs)}`);
  check(h.jsUrls.length === 0, 'hostile: no javascript: URL', `${h.jsUrls.length}: ${list(h.jsUrls)}`);
  check(h.embeds.length === 0, 'hostile: no iframe/frame/object/embed', list(h.embeds));
  check(h.pwned === null, 'hostile: window.__pwned is undefined after load',
    `window.__pwned = ${h.pwned}: injected code ran`);
  check(h.text.includes('<script>'), 'hostile: the literal text <script> is shown as text',
    'document.body.innerText does not contain "<script>" (dropped, or parsed as markup)');
}

// ---- main ------------------------------------------------------------------------
const watchdog = setTimeout(() => {
  process.stdout.write(`FAIL - the check did not finish within ${WATCHDOG_MS / 1000} s\n`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

const started = Date.now();
try {
  await run();
} catch (e) {
  fail(`unexpected error: ${e && e.stack ? e.stack : e}`);
}
const secs = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length) {
  process.stdout.write(`check-report: ${failures.length} check(s) FAILED for ${indexPath} (${secs} s)\n`);
  process.exit(1);
}
process.stdout.write(`check-report: all checks passed for ${indexPath}${hostile ? ' (hostile mode)' : ''} (${secs} s)\n`);
process.exit(0);
