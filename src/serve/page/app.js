// The page of `seigo serve`. Plain JavaScript, no build step, no network access beyond this
// server. Offsets from the API come in bytes and in UTF-16 code units; the page uses the
// UTF-16 ones (JavaScript strings) and sends the byte ones back when it applies a fix.
'use strict';

const MESSAGES = {
  ja: {
    'tab.check': '記事チェック', 'tab.rule': 'ルール作成',
    'file.open': 'ファイルを開く', 'file.pasted': '（貼り付けた記事）',
    'fix.all': '安全な修正をすべて適用', 'copy': 'コピー', 'download': 'ダウンロード', 'save': '保存',
    'editor.placeholder': 'ここに記事を貼り付けてください',
    'close': '閉じる', 'explain.title': 'ルールの説明', 'findings.title': '指摘',
    'rule.copy': 'ルールファイルをコピー', 'rule.download': 'ルールファイルを保存',
    'rule.yaml': 'ルール (YAML)', 'rule.sample': 'サンプル記事', 'rule.matches': '一致',
    'rule.examples': 'examples（テスト）', 'rule.result': '結果', 'rule.expect': '種類', 'rule.text': '文',
    'footer': 'この画面はネットワークに接続しません。記事はこのコンピューターの中だけで検査されます。',
    'credits': '誤変換の候補には EDICT（© Electronic Dictionary Research and Development Group、CC BY-SA 3.0、http://www.edrdg.org/edrdg/licence.html）と SudachiDict（Apache-2.0）の語を使っています。',
    'status.checking': '検査中…', 'status.none': '指摘はありません',
    'status.counts': (c, ms) => `エラー ${c.error}・警告 ${c.warning}・情報 ${c.info}（${ms} ms）`,
    'status.fixed': (n) => `${n} 件の修正を適用しました`, 'status.nofix': '適用できる修正はありません',
    'status.held': (n) => `（${n} 件は別のエラーを生むため保留：一覧から個別に適用できます）`,
    'status.copied': 'コピーしました', 'status.saved': (p) => `${p} に保存しました`,
    'status.stale': '本文が変更されたため、再検査の後にもう一度お試しください',
    'place.primary': 'この箇所', 'place.related': (i) => `関連箇所 ${i}`,
    'fix.one': (a, b) => `修正:「${a}」→「${b}」`, 'fix.delete': (a) => `修正:「${a}」を削除`,
    'sev.error': 'エラー', 'sev.warning': '警告', 'sev.info': '情報',
    'line': (l) => `${l} 行目`, 'at': (l, c) => `${l} 行 ${c} 列`,
    'rule.ok': (n, p) => `ルールは正しく読み込めました。examples: ${p}/${n} 件合格`,
    'rule.errors': (n) => `${n} 件のエラー`, 'rule.pass': '合格', 'rule.fail': '不合格',
    'rule.bad': 'bad（指摘されるべき）', 'rule.good': 'good（指摘されないべき）',
    'kind.conflict': '矛盾', 'kind.existence': '表現', 'kind.headline-support': '見出しの裏付け',
    'kind.numbers': '数値の食い違い', 'kind.polarity': '肯定と否定', 'kind.repetition': '繰り返し',
    'kind.substitution': '誤記', 'kind.suppression': '抑制コメント',
  },
  en: {
    'tab.check': 'Check an article', 'tab.rule': 'Write a rule',
    'file.open': 'Open a file', 'file.pasted': '(pasted article)',
    'fix.all': 'Apply all safe fixes', 'copy': 'Copy', 'download': 'Download', 'save': 'Save',
    'editor.placeholder': 'Paste an article here',
    'close': 'Close', 'explain.title': 'About the rule', 'findings.title': 'Findings',
    'rule.copy': 'Copy the rule file', 'rule.download': 'Save the rule file',
    'rule.yaml': 'Rule (YAML)', 'rule.sample': 'Sample article', 'rule.matches': 'Matches',
    'rule.examples': 'examples (tests)', 'rule.result': 'Result', 'rule.expect': 'Kind', 'rule.text': 'Text',
    'footer': 'This page makes no network connection. Articles are checked on this computer only.',
    'credits': 'Misconversion candidates use words from EDICT (© Electronic Dictionary Research and Development Group, CC BY-SA 3.0, http://www.edrdg.org/edrdg/licence.html) and SudachiDict (Apache-2.0).',
    'status.checking': 'Checking…', 'status.none': 'No findings',
    'status.counts': (c, ms) => `${c.error} errors, ${c.warning} warnings, ${c.info} infos (${ms} ms)`,
    'status.fixed': (n) => `Applied ${n} fix(es)`, 'status.nofix': 'No fix to apply',
    'status.held': (n) => ` (${n} held back because they would create another error: apply them one by one from the list)`,
    'status.copied': 'Copied', 'status.saved': (p) => `Saved ${p}`,
    'status.stale': 'The text changed; try again after the re-check',
    'place.primary': 'This place', 'place.related': (i) => `Related place ${i}`,
    'fix.one': (a, b) => `Fix: “${a}” → “${b}”`, 'fix.delete': (a) => `Fix: delete “${a}”`,
    'sev.error': 'error', 'sev.warning': 'warning', 'sev.info': 'info',
    'line': (l) => `line ${l}`, 'at': (l, c) => `line ${l}, column ${c}`,
    'rule.ok': (n, p) => `The rule loads. examples: ${p} of ${n} pass`,
    'rule.errors': (n) => `${n} error(s)`, 'rule.pass': 'pass', 'rule.fail': 'FAIL',
    'rule.bad': 'bad (must be found)', 'rule.good': 'good (must not be found)',
    'kind.conflict': 'contradiction', 'kind.existence': 'wording', 'kind.headline-support': 'headline support',
    'kind.numbers': 'numbers disagree', 'kind.polarity': 'affirmed and denied', 'kind.repetition': 'repetition',
    'kind.substitution': 'wrong word', 'kind.suppression': 'suppression comments',
  },
};

const STARTER_RULE = `# 置き換えルールの例 / a substitution rule
kind: substitution
severity: warning
message: "「{match}」は「{replacement}」の誤りではありませんか"
description: |
  社内表記の統一: 「サーバ」ではなく「サーバー」と書きます。
swap:
  サーバ: サーバー
examples:
  bad:
    - text: "《サーバ》を増強した。"
      fixed: "サーバーを増強した。"
  good:
    - "サーバーを増強した。"
`;
const STARTER_SAMPLE = 'サーバを増強した。\n新しいサーバーも届いた。\n';

const $ = (id) => document.getElementById(id);
const state = {
  lang: localStorage.getItem('seigo.lang') || 'ja',
  info: { allow_write: false, files: [] },
  text: '',            // the text the findings are for
  findings: [],
  counts: { error: 0, warning: 0, info: 0 },
  kinds: [],
  selected: null,
  path: null,          // the file opened, or null for a pasted article
  original: null,      // the file's text as opened, for saving safely
  seq: 0,
  explained: new Map(),
  rule: { seq: 0, matches: [] },
};

function t(key, ...args) {
  const m = MESSAGES[state.lang][key] ?? MESSAGES.ja[key] ?? key;
  return typeof m === 'function' ? m(...args) : m;
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  $('lang').textContent = state.lang === 'ja' ? 'English' : '日本語';
  renderFindings();
  showDetails();
  showCounts();
  if (state.rule.last) renderRuleResult(state.rule.last);
}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  const response = await fetch(path, init);
  const json = await response.json();
  if (!response.ok) throw new Error(json.error || response.statusText);
  return json;
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// ---- highlights ---------------------------------------------------------------------------

// Every span to highlight: the primary span of each finding and its related spans.
function spansOf(findings) {
  const spans = [];
  for (const f of findings) {
    spans.push({ id: f.id, severity: f.severity, role: 'primary', start: f.span.utf16_start, end: f.span.utf16_end });
    f.related.forEach((r, i) => spans.push({ id: f.id, severity: f.severity, role: `related-${i}`, start: r.span.utf16_start, end: r.span.utf16_end }));
  }
  return spans;
}

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };

// The text with <mark>s: split at every span edge, each piece marked with the spans covering
// it (overlaps are allowed), coloured by the most severe.
function markup(text, spans, selected) {
  const edges = new Set([0, text.length]);
  for (const s of spans) { if (s.end > s.start) { edges.add(s.start); edges.add(s.end); } }
  const cuts = [...edges].filter((e) => e >= 0 && e <= text.length).sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const piece = escapeHtml(text.slice(a, b));
    const covering = spans.filter((s) => s.start <= a && b <= s.end && s.end > s.start);
    if (covering.length === 0) { html += piece; continue; }
    const worst = covering.reduce((x, y) => (SEVERITY_RANK[y.severity] > SEVERITY_RANK[x.severity] ? y : x));
    const onlyRelated = covering.every((s) => s.role !== 'primary');
    const classes = ['hl', `sev-${worst.severity}`];
    if (onlyRelated) classes.push('related');
    if (selected !== null && covering.some((s) => s.id === selected)) classes.push('active');
    const ids = covering.map((s) => s.id).join(' ');
    const roles = covering.map((s) => `${s.id}:${s.role}`).join(' ');
    html += `<mark class="${classes.join(' ')}" data-findings="${ids}" data-roles="${roles}">${piece}</mark>`;
  }
  // A final newline needs something after it, or the mirror is one line shorter.
  return html + (text.endsWith('\n') ? ' ' : '');
}

function renderBackdrop(text, spans) {
  $('backdrop').innerHTML = markup(text, spans, state.selected);
  $('backdrop').scrollTop = $('editor').scrollTop;
}

// While the editor types ahead of the last check, keep the highlights where the text is
// unchanged: spans after the edit move by its length, spans it touches are dropped.
function shiftedSpans(oldText, newText, spans) {
  let prefix = 0;
  const max = Math.min(oldText.length, newText.length);
  while (prefix < max && oldText[prefix] === newText[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]) suffix++;
  const oldEnd = oldText.length - suffix;
  const delta = newText.length - oldText.length;
  return spans.flatMap((s) => {
    if (s.end <= prefix) return [s];
    if (s.start >= oldEnd) return [{ ...s, start: s.start + delta, end: s.end + delta }];
    return [];
  });
}

// ---- checking -----------------------------------------------------------------------------

async function check() {
  const text = $('editor').value;
  const seq = ++state.seq;
  $('status').textContent = t('status.checking');
  try {
    const body = { text };
    if (state.path) body.path = state.path;
    const result = await api('/api/check', body);
    if (seq !== state.seq) return; // a newer check is on its way
    show(text, result);
  } catch (e) {
    if (seq === state.seq) $('status').textContent = e.message;
  }
}

const checkSoon = debounce(check, 250);

function show(text, result) {
  state.text = text;
  state.findings = result.findings;
  state.counts = result.counts;
  state.kinds = result.kinds;
  state.elapsed = result.elapsed_ms;
  if (state.selected !== null && !state.findings[state.selected]) state.selected = null;
  state.spans = spansOf(state.findings);
  if ($('editor').value === text) renderBackdrop(text, state.spans);
  renderFindings();
  showDetails();
  showCounts();
  document.body.dataset.checked = String(state.seq);
}

function showCounts() {
  if (!state.findings) return;
  const ms = state.elapsed === undefined ? '-' : state.elapsed.toFixed(1);
  $('status').textContent = state.findings.length === 0 && state.text
    ? t('status.none') : state.text ? t('status.counts', state.counts, ms) : '';
}

function kindLabel(kind) {
  const key = `kind.${kind}`;
  const label = t(key);
  return label === key ? kind : `${label} (${kind})`;
}

function renderFindings() {
  const box = $('findings');
  box.textContent = '';
  $('findings-total').textContent = String(state.findings.length);
  for (const { kind, count } of state.kinds) {
    const group = document.createElement('section');
    group.className = 'group';
    group.dataset.kind = kind;
    group.innerHTML = `<h3>${escapeHtml(kindLabel(kind))} <span class="count">${count}</span></h3><ul></ul>`;
    const list = group.querySelector('ul');
    for (const f of state.findings.filter((x) => x.kind === kind)) {
      const li = document.createElement('li');
      li.className = `sev-${f.severity}` + (f.id === state.selected ? ' active' : '');
      li.dataset.finding = f.id;
      li.innerHTML = `<div>${escapeHtml(f.message)}</div><div class="where">${escapeHtml(t('at', f.span.line, f.span.column))} · ${escapeHtml(f.rule)}${f.related.length ? ` · ${escapeHtml(t('place.related', f.related.length))}` : ''}</div>`;
      li.addEventListener('click', () => select(f.id, 'primary'));
      list.appendChild(li);
    }
    box.appendChild(group);
  }
}

// ---- a finding in detail ------------------------------------------------------------------

async function select(id, place) {
  state.selected = id;
  renderBackdrop($('editor').value, $('editor').value === state.text ? state.spans : []);
  renderFindings();
  showDetails();
  if (place) jump(id, place);
  const f = state.findings[id];
  if (f && !state.explained.has(f.rule)) {
    try {
      state.explained.set(f.rule, await api('/api/explain', { rule: f.rule }));
    } catch (e) {
      state.explained.set(f.rule, { text: e.message });
    }
    if (state.selected === id) showDetails();
  }
}

function spanOf(f, place) {
  if (place === 'primary') return f.span;
  return f.related[Number(place.split('-')[1])].span;
}

// Selects a place of a finding in the editor and scrolls to it.
function jump(id, place) {
  const f = state.findings[id];
  if (!f || $('editor').value !== state.text) return;
  const span = spanOf(f, place);
  const editor = $('editor');
  editor.focus({ preventScroll: true });
  editor.setSelectionRange(span.utf16_start, span.utf16_end);
  for (const m of document.querySelectorAll('mark.current')) m.classList.remove('current');
  const marks = [...document.querySelectorAll('#backdrop mark')].filter((m) => m.dataset.roles.split(' ').includes(`${id}:${place}`));
  for (const m of marks) m.classList.add('current');
  if (marks[0]) {
    const top = marks[0].offsetTop - editor.clientHeight / 3;
    editor.scrollTop = Math.max(0, top);
    $('backdrop').scrollTop = editor.scrollTop;
  }
}

function showDetails() {
  const box = $('details');
  const f = state.selected === null ? null : state.findings[state.selected];
  if (!f) { box.hidden = true; return; }
  box.hidden = false;
  box.dataset.finding = f.id;
  $('details-severity').className = `badge sev-${f.severity}`;
  $('details-severity').textContent = t(`sev.${f.severity}`);
  $('details-rule').textContent = f.rule;
  $('details-message').textContent = f.message;
  const places = $('details-places');
  places.textContent = '';
  const link = (place, label, span, text) => {
    const a = document.createElement('a');
    a.className = 'place';
    a.dataset.place = place;
    a.textContent = `${label}: ${t('at', span.line, span.column)}「${text}」`;
    a.addEventListener('click', () => jump(f.id, place));
    places.appendChild(a);
  };
  link('primary', t('place.primary'), f.span, f.text);
  f.related.forEach((r, i) => link(`related-${i}`, `${t('place.related', i + 1)}（${r.message}）`, r.span, r.text));
  const fixes = $('details-fixes');
  fixes.textContent = '';
  for (const x of f.fixes) {
    const b = document.createElement('button');
    b.className = 'fix-btn';
    const before = state.text.slice(x.span.utf16_start, x.span.utf16_end);
    b.textContent = x.replacement ? t('fix.one', before, x.replacement) : t('fix.delete', before);
    b.addEventListener('click', () => applyFix(x));
    fixes.appendChild(b);
  }
  const explained = state.explained.get(f.rule);
  $('details-explain').textContent = explained ? explained.text : '';
}

// ---- fixes, copy, download, save ----------------------------------------------------------

async function applyFix(fix) {
  if ($('editor').value !== state.text) { $('status').textContent = t('status.stale'); return; }
  const body = { text: state.text };
  if (fix) body.fix = { start: fix.span.start, end: fix.span.end, replacement: fix.replacement };
  if (state.path) body.path = state.path;
  try {
    const result = await api('/api/fix', body);
    state.seq++;
    $('editor').value = result.text;
    state.selected = null;
    show(result.text, result);
    const held = (result.held_back || []).length;
    $('status').textContent = (result.applied ? t('status.fixed', result.applied) : t('status.nofix'))
      + (held ? t('status.held', held) : '');
  } catch (e) {
    $('status').textContent = e.message;
  }
}

async function copyText(text, statusId) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  $(statusId).textContent = t('status.copied');
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function save() {
  if (!state.path) return;
  const text = $('editor').value;
  try {
    await api('/api/save', { path: state.path, text, original: state.original });
    state.original = text;
    $('status').textContent = t('status.saved', state.path);
  } catch (e) {
    $('status').textContent = e.message;
  }
}

async function openFile(path) {
  if (!path) {
    state.path = null;
    state.original = null;
    $('btn-save').hidden = true;
    return;
  }
  const file = await api(`/api/file?path=${encodeURIComponent(path)}`);
  state.path = path;
  state.original = file.text;
  state.selected = null;
  $('editor').value = file.text;
  $('btn-save').hidden = !state.info.allow_write;
  await check();
}

// ---- the rule playground ------------------------------------------------------------------

async function testRule() {
  const seq = ++state.rule.seq;
  const body = { yaml: $('rule-yaml').value, sample: $('rule-sample').value };
  try {
    const result = await api('/api/rule/test', body);
    if (seq !== state.rule.seq) return;
    result.sample = body.sample;
    state.rule.last = result;
    renderRuleResult(result);
    document.body.dataset.ruleChecked = String(seq);
  } catch (e) {
    $('rule-status').textContent = e.message;
  }
}

const testRuleSoon = debounce(testRule, 250);

function renderGutter(errorLines) {
  const lines = $('rule-yaml').value.split('\n').length;
  let html = '';
  for (let i = 1; i <= lines; i++) {
    html += errorLines.has(i) ? `<span class="err" data-line="${i}">${i}</span>\n` : `${i}\n`;
  }
  $('rule-gutter').innerHTML = html;
  $('rule-gutter').scrollTop = $('rule-yaml').scrollTop;
}

function renderRuleResult(result) {
  const errors = $('rule-errors');
  errors.textContent = '';
  const errorLines = new Set();
  const tbody = $('rule-examples').querySelector('tbody');
  tbody.textContent = '';
  const matches = $('rule-matches');
  matches.textContent = '';
  if (!result.ok) {
    for (const e of result.errors) {
      if (e.line) errorLines.add(e.line);
      const li = document.createElement('li');
      li.dataset.line = e.line ?? '';
      const where = e.line ? `${t('at', e.line, e.column)}: ` : '';
      li.innerHTML = `<div>${escapeHtml(where + e.message)}</div>${e.help ? `<div>${escapeHtml(e.help)}</div>` : ''}<pre>${escapeHtml(e.rendered)}</pre>`;
      li.addEventListener('click', () => goToLine(e.line));
      errors.appendChild(li);
    }
    $('rule-status').textContent = t('rule.errors', result.errors.length);
    $('rule-match-count').textContent = '0';
    $('sample-backdrop').innerHTML = markup($('rule-sample').value, [], null);
    renderGutter(errorLines);
    return;
  }
  const passed = result.examples.filter((e) => e.passed).length;
  $('rule-status').textContent = t('rule.ok', result.examples.length, passed);
  for (const e of result.examples) {
    const tr = document.createElement('tr');
    tr.className = e.passed ? 'pass' : 'fail';
    const problem = e.problem ? `<div class="problem">${escapeHtml(e.problem.message)}</div>` : '';
    if (e.problem && e.problem.line) errorLines.add(e.problem.line);
    tr.innerHTML = `<td>${e.passed ? '✓ ' + t('rule.pass') : '✗ ' + t('rule.fail')}</td><td>${t(e.good ? 'rule.good' : 'rule.bad')}</td><td>${escapeHtml(e.text)}${problem}</td>`;
    tbody.appendChild(tr);
  }
  $('rule-match-count').textContent = String(result.findings.length);
  for (const f of result.findings) {
    const li = document.createElement('li');
    li.className = `sev-${f.severity}`;
    li.textContent = `${t('at', f.span.line, f.span.column)}「${f.text}」 ${f.message}`;
    matches.appendChild(li);
  }
  const sample = $('rule-sample').value;
  const spans = sample === result.sample ? spansOf(result.findings) : [];
  $('sample-backdrop').innerHTML = markup(sample, spans, null);
  renderGutter(errorLines);
}

function goToLine(line) {
  if (!line) return;
  const area = $('rule-yaml');
  const lines = area.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1] || '').length);
}

// ---- wiring -------------------------------------------------------------------------------

function showView(name) {
  $('view-check').hidden = name !== 'check';
  $('view-rule').hidden = name !== 'rule';
  $('tab-check').classList.toggle('active', name === 'check');
  $('tab-rule').classList.toggle('active', name === 'rule');
  if (name === 'rule' && !state.rule.last) testRule();
}

// The finding under the caret: the smallest span containing it, primary or related.
function findingAtCaret() {
  const editor = $('editor');
  if (editor.value !== state.text || !state.spans) return null;
  const at = editor.selectionStart;
  const hits = state.spans.filter((s) => s.start <= at && at <= s.end && s.end > s.start);
  if (hits.length === 0) return null;
  hits.sort((a, b) => (a.end - a.start) - (b.end - b.start));
  return hits[0];
}

function init() {
  const editor = $('editor');
  editor.addEventListener('input', () => {
    const text = editor.value;
    const spans = state.spans ? shiftedSpans(state.text, text, state.spans) : [];
    renderBackdrop(text, spans);
    checkSoon();
  });
  editor.addEventListener('scroll', () => { $('backdrop').scrollTop = editor.scrollTop; });
  editor.addEventListener('click', () => {
    const hit = findingAtCaret();
    if (hit) select(hit.id, null);
  });
  new ResizeObserver(() => renderBackdrop(editor.value, editor.value === state.text ? state.spans || [] : [])).observe(editor);
  $('details-close').addEventListener('click', () => { state.selected = null; showDetails(); renderFindings(); renderBackdrop(editor.value, state.spans || []); });
  $('btn-fix-all').addEventListener('click', () => applyFix(null));
  $('btn-copy').addEventListener('click', () => copyText(editor.value, 'status'));
  $('btn-download').addEventListener('click', () => download((state.path || 'article.txt').split('/').pop(), editor.value, 'text/plain;charset=utf-8'));
  $('btn-save').addEventListener('click', save);
  $('file-select').addEventListener('change', (e) => openFile(e.target.value).catch((err) => { $('status').textContent = err.message; }));
  $('tab-check').addEventListener('click', () => showView('check'));
  $('tab-rule').addEventListener('click', () => showView('rule'));
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'ja' ? 'en' : 'ja';
    localStorage.setItem('seigo.lang', state.lang);
    applyLanguage();
  });
  const yaml = $('rule-yaml');
  const sample = $('rule-sample');
  yaml.value = STARTER_RULE;
  sample.value = STARTER_SAMPLE;
  yaml.addEventListener('input', () => { renderGutter(new Set()); testRuleSoon(); });
  yaml.addEventListener('scroll', () => { $('rule-gutter').scrollTop = yaml.scrollTop; });
  sample.addEventListener('input', () => { $('sample-backdrop').innerHTML = markup(sample.value, [], null); testRuleSoon(); });
  sample.addEventListener('scroll', () => { $('sample-backdrop').scrollTop = sample.scrollTop; });
  $('btn-copy-rule').addEventListener('click', () => copyText(yaml.value, 'rule-status'));
  $('btn-download-rule').addEventListener('click', () => download('rule.yaml', yaml.value, 'text/yaml;charset=utf-8'));
  renderGutter(new Set());
  applyLanguage();
  api('/api/info').then((info) => {
    state.info = info;
    if (info.files.length) {
      $('file-label').hidden = false;
      for (const f of info.files) {
        const option = document.createElement('option');
        option.value = f;
        option.textContent = f;
        $('file-select').appendChild(option);
      }
    }
    document.body.dataset.ready = 'true';
  }).catch((e) => { $('status').textContent = e.message; });
}

init();
