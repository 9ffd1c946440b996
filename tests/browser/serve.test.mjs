// The page of `seigo serve` in a real browser: Debian's Chromium, headless, driven by
// playwright-core (no browser download). Run by .ci/run after `cargo test` built the binary:
//   SEIGO=target/debug/seigo node --test tests/browser/
// Screenshots go to $SCREENSHOT_DIR (default tests/browser/out/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const seigo = path.resolve(root, process.env.SEIGO || 'target/debug/seigo');
const shots = path.resolve(root, process.env.SCREENSHOT_DIR || 'tests/browser/out');
const seed = fs.readFileSync(path.join(root, 'fixtures/seed-article.txt'), 'utf8');

let server;
let browser;
let base;
let dir;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seigo-serve-'));
  fs.copyFileSync(path.join(root, 'fixtures/seed-article.txt'), path.join(dir, 'seed-article.txt'));
  server = spawn(seigo, ['serve', '--port', '0', '--allow-write', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`seigo serve exited with ${code}: ${out}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function openPage() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const elsewhere = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) elsewhere.push(url);
  });
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, elsewhere };
}

// Waits until the page has shown the check numbered `after + 1` or later.
async function checked(page, after) {
  await page.waitForFunction((n) => Number(document.body.dataset.checked || 0) > n, after);
  return page.evaluate(() => Number(document.body.dataset.checked));
}

const count = (text, word) => text.split(word).length - 1;

test('an editor pastes the seed article, follows a contradiction and applies fixes', { timeout: 120000 }, async () => {
  const { page, elsewhere } = await openPage();
  assert.equal(await page.textContent('#tab-check'), '記事チェック', 'Japanese by default');

  await page.fill('#editor', seed);
  let seq = await checked(page, 0);

  // Every finding is highlighted, coloured by severity, and listed by kind with counts.
  const findings = await page.$$eval('#findings li', (lis) => lis.map((li) => Number(li.dataset.finding)));
  assert.ok(findings.length >= 10, `findings: ${findings.length}`);
  const highlighted = await page.$$eval('#backdrop mark', (ms) => [...new Set(ms.flatMap((m) => m.dataset.findings.split(' ').map(Number)))]);
  assert.deepEqual([...highlighted].sort((a, b) => a - b), [...findings].sort((a, b) => a - b));
  assert.ok(await page.$('#backdrop mark.sev-error'));
  assert.ok(await page.$('#backdrop mark.sev-info'));
  const groups = await page.$$eval('#findings .group', (gs) => gs.map((g) => ({
    kind: g.dataset.kind, count: Number(g.querySelector('h3 .count').textContent), items: g.querySelectorAll('li').length,
  })));
  for (const g of groups) assert.equal(g.count, g.items, `count of ${g.kind}`);
  assert.equal(groups.reduce((n, g) => n + g.count, 0), findings.length);
  assert.equal(Number(await page.textContent('#findings-total')), findings.length);

  // A contradiction: both places highlighted, linked both ways from the details.
  const conflict = await page.$('#findings .group[data-kind="conflict"] li');
  assert.ok(conflict, 'the seed article has a contradiction');
  const id = Number(await conflict.getAttribute('data-finding'));
  await conflict.click();
  await page.waitForFunction(() => document.getElementById('details-explain').textContent.includes('defined in:'));
  const places = await page.$$eval('#details-places a.place', (as) => as.map((a) => a.dataset.place));
  assert.deepEqual(places, ['primary', 'related-0']);
  const markText = (role) => page.$$eval('#backdrop mark', (ms, r) => ms.filter((m) => m.dataset.roles.split(' ').includes(r)).map((m) => m.textContent).join(''), `${id}:${role}`);
  const primaryText = await markText('primary');
  const relatedText = await markText('related-0');
  assert.ok(primaryText.length > 0 && relatedText.length > 0, `${primaryText} / ${relatedText}`);
  const selection = () => page.$eval('#editor', (e) => e.value.slice(e.selectionStart, e.selectionEnd));
  await page.click('#details-places a[data-place="related-0"]');
  assert.equal(await selection(), relatedText);
  assert.ok(await page.$(`#backdrop mark.current[data-roles~="${id}:related-0"]`));
  await page.click('#details-places a[data-place="primary"]');
  assert.equal(await selection(), primaryText);
  assert.match(await page.textContent('#details-explain'), /title-conflict|election-conflict/);
  await page.screenshot({ path: path.join(shots, 'contradiction.png') });

  // Clicking a highlight in the text (the editor lies over the highlights) shows its finding.
  const wrongWord = await page.$$eval('#backdrop mark', (ms) => ms.findIndex((m) => m.textContent === '帰り先'));
  assert.ok(wrongWord >= 0);
  const box = await (await page.$$('#backdrop mark'))[wrongWord].boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => document.getElementById('details-rule').textContent === 'ja-news/kaerisaki');

  // One fix: the text changes there and is checked again.
  const before = await page.inputValue('#editor');
  await page.click('#details-fixes .fix-btn');
  await page.waitForFunction((t) => document.getElementById('editor').value !== t, before);
  seq = await checked(page, seq);
  const once = await page.inputValue('#editor');
  assert.equal(count(once, '帰り先'), count(before, '帰り先') - 1);
  assert.equal(count(once, '返り咲き'), count(before, '返り咲き') + 1);
  const wrongWords = () => page.$$eval('#findings li', (lis) => lis.filter((li) => li.textContent.includes('ja-news/kaerisaki')).length);
  assert.equal(await wrongWords(), count(once, '帰り先'));

  // All safe fixes.
  await page.click('#btn-fix-all');
  await page.waitForFunction(() => !document.getElementById('editor').value.includes('帰り先'));
  seq = await checked(page, seq);
  const fixed = await page.inputValue('#editor');
  assert.ok(fixed.includes('早期妥結'));
  assert.match(await page.textContent('#status'), /修正/);

  // Typing re-checks (debounced): a new wrong word appears in the list.
  await page.focus('#editor');
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\nトランプ氏の帰り先に備える。');
  seq = await checked(page, seq);
  await page.waitForFunction(() => [...document.querySelectorAll('#findings li')].some((li) => li.textContent.includes('ja-news/kaerisaki')));

  // English on request.
  await page.click('#lang');
  assert.equal(await page.textContent('#tab-check'), 'Check an article');
  assert.equal(await page.textContent('#btn-fix-all'), 'Apply all safe fixes');
  await page.click('#lang');
  assert.deepEqual(elsewhere, [], 'the page fetched nothing from elsewhere');
  await page.context().close();
});

test('a file under PATH is opened, fixed and saved back with --allow-write', { timeout: 120000 }, async () => {
  const { page } = await openPage();
  await page.selectOption('#file-select', 'seed-article.txt');
  const seq = await checked(page, 0);
  assert.equal(await page.inputValue('#editor'), seed);
  assert.equal(await page.isHidden('#btn-save'), false);
  // Fix-all on the fresh article holds back 帰り先 → 返り咲き (next to 再選 it would make an
  // election conflict) and says so; the editor applies it from its finding, then the rest.
  await page.click('#btn-fix-all');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('保留'));
  let next = await checked(page, seq);
  assert.ok((await page.inputValue('#editor')).includes('帰り先'));
  await page.click('#findings li:has-text("ja-news/kaerisaki")');
  await page.waitForFunction(() => document.getElementById('details-rule').textContent === 'ja-news/kaerisaki');
  const before = await page.inputValue('#editor');
  await page.click('#details-fixes .fix-btn');
  await page.waitForFunction((t) => document.getElementById('editor').value !== t, before);
  next = await checked(page, next);
  await page.click('#btn-fix-all');
  await page.waitForFunction(() => !document.getElementById('editor').value.includes('帰り先'));
  await checked(page, next);
  await page.click('#btn-save');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('保存しました'));
  const saved = fs.readFileSync(path.join(dir, 'seed-article.txt'), 'utf8');
  assert.equal(saved, await page.inputValue('#editor'));
  assert.ok(!saved.includes('帰り先') && saved.includes('返り咲き'));
  await page.context().close();
});

test('a rule is written in the playground: matches, examples as tests, errors at their line', { timeout: 120000 }, async () => {
  const { page } = await openPage();
  await page.click('#tab-rule');
  const ruleChecked = async (after) => {
    await page.waitForFunction((n) => Number(document.body.dataset.ruleChecked || 0) > n, after);
    return page.evaluate(() => Number(document.body.dataset.ruleChecked));
  };
  let seq = await ruleChecked(0);
  const results = () => page.$$eval('#rule-examples tbody tr', (trs) => trs.map((tr) => tr.className));
  assert.deepEqual(await results(), ['pass', 'pass']);
  assert.equal(await page.textContent('#rule-match-count'), '1');
  assert.ok(await page.$('#sample-backdrop mark.sev-warning'));

  // A second swap: two matches in the sample, and the examples now fail (増強 is rewritten).
  const yaml = await page.inputValue('#rule-yaml');
  await page.fill('#rule-yaml', yaml.replace('  サーバ: サーバー\n', '  サーバ: サーバー\n  増強: 強化\n'));
  seq = await ruleChecked(seq);
  assert.equal(await page.textContent('#rule-match-count'), '2');
  assert.deepEqual(await results(), ['fail', 'fail']);
  assert.match(await page.textContent('#rule-examples'), /強化/);

  // A typo in the kind: the error at its line, with the CLI's help.
  await page.fill('#rule-yaml', yaml.replace('kind: substitution', 'kind: substitutoin'));
  seq = await ruleChecked(seq);
  const errors = await page.$$eval('#rule-errors li', (lis) => lis.map((li) => ({ line: li.dataset.line, text: li.textContent })));
  assert.equal(errors.length, 1);
  assert.equal(errors[0].line, '2');
  assert.match(errors[0].text, /substitutoin/);
  assert.match(errors[0].text, /substitution/, 'did-you-mean help');
  assert.equal(await page.textContent('#rule-gutter .err'), '2');
  await page.screenshot({ path: path.join(shots, 'playground-error.png') });

  await page.fill('#rule-yaml', yaml);
  await ruleChecked(seq);
  assert.deepEqual(await results(), ['pass', 'pass']);
  await page.screenshot({ path: path.join(shots, 'playground.png') });
  await page.context().close();
});
