// offswitch view. Everything shown here that a model or a sandbox produced is untrusted: it only ever
// reaches the page as text (createTextNode / textContent), never as markup, and the server's
// Content-Security-Policy forbids inline script and eval besides. Keep it that way: no innerHTML,
// no insertAdjacentHTML, no setAttribute of event handlers or URLs built from stored text.
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
const SHOWN_CHARS = 2000;
const MORE_CHARS = 20000;
const state = { version: null, picks: [], seq: 0 };

// ---- DOM helpers: the only way this file makes elements ----

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  append(e, children);
  return e;
}

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG_NS, tag);
  setAttrs(e, attrs);
  append(e, children);
  return e;
}

function setAttrs(e, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) throw new Error('event handlers are added with addEventListener');
    if (k === 'class') e.setAttribute('class', v);
    else e.setAttribute(k, String(v));
  }
}

function append(e, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

function clear(e) {
  while (e.firstChild) e.removeChild(e.firstChild);
  return e;
}

function button(label, onClick, cls) {
  const b = el('button', { type: 'button', class: cls });
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function link(label, hash, attrs) {
  const a = el('a', Object.assign({ href: '#' + hash }, attrs || {}));
  a.textContent = label;
  return a;
}

/** Untrusted text, cut at SHOWN_CHARS with a button that shows more. */
function longText(text, cls) {
  const s = String(text ?? '');
  const pre = el('pre', { class: cls });
  const node = document.createTextNode(s.slice(0, SHOWN_CHARS));
  pre.appendChild(node);
  if (s.length > SHOWN_CHARS) {
    let shown = SHOWN_CHARS;
    const more = el('button', { type: 'button', class: 'link more' });
    const label = () => { more.textContent = 'show more (' + (s.length - shown).toLocaleString('en') + ' more characters)'; };
    label();
    more.addEventListener('click', () => {
      shown = Math.min(s.length, shown + MORE_CHARS);
      node.data = s.slice(0, shown);
      if (shown >= s.length) more.remove(); else label();
    });
    return el('div', {}, pre, more);
  }
  return pre;
}

const pct = (x) => (x === undefined || x === null) ? '–' : (100 * x).toFixed(1) + '%';
const interval = (i) => i ? '[' + pct(i.low) + ', ' + pct(i.high) + ']' : '';

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => ({ error: 'the viewer answered ' + r.status + ' without JSON' }));
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

function parseHash() {
  const h = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = h.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: Object.fromEntries(new URLSearchParams(qs || '')) };
}

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

// ---- Routing ----

async function render() {
  const main = document.getElementById('main');
  const { parts, params } = parseHash();
  const hash = location.hash || '#/';
  // Renders may overlap (a click while the last one is still fetching, a poll): only the latest is shown.
  const seq = ++state.seq;
  const started = performance.now();
  renderPicks();
  let view;
  try {
    if (parts[0] === 'cell' && parts[1]) view = await renderCell(parts[1], params);
    else if (parts[0] === 'episode' && parts[1]) view = await renderEpisode(parts[1]);
    else if (parts[0] === 'compare') view = await renderCompare(params);
    else view = await renderHome(params);
  } catch (e) {
    view = el('p', { class: 'error' }, String(e.message || e));
  }
  if (seq !== state.seq) return;
  clear(main).appendChild(view);
  // Layout forced here, so the time below covers fetching, building and laying out the view (offswitch bench --viewer reads it).
  void main.offsetHeight;
  document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
  document.body.dataset.ready = hash;
}

// ---- Home: runs and grids ----

async function renderHome(params) {
  const [runs, grid] = await Promise.all([getJson('/api/runs'), getJson('/api/grid' + query({ runs: params.runs }))]);
  const selected = new Set((params.runs || '').split(',').filter(Boolean));
  const view = el('div');
  view.appendChild(el('h1', {}, 'Runs'));
  view.appendChild(el('p', { class: 'muted' }, 'Results ', runs.store, '. Tick runs to see their grid (none ticked: all runs).'));
  const table = el('table', { id: 'runs' }, el('tr', {}, ['', 'run', 'scenario', 'started', 'design', 'done', 'in flight', 'errors', 'limits', 'tokens in/out', 'cost'].map(h => el('th', {}, h))));
  for (const r of runs.runs) {
    const box = el('input', { type: 'checkbox', 'data-run': r.id });
    box.checked = selected.has(r.id);
    box.addEventListener('change', () => {
      if (box.checked) selected.add(r.id); else selected.delete(r.id);
      location.hash = '#/' + query({ runs: [...selected].join(',') });
    });
    const d = r.design;
    const design = d ? [d.conditions.length + ' conditions × ' + d.agents.length + ' agents × ' + d.epochs + ' epochs',
      el('div', { class: 'muted' }, d.agents.join(', '))] : '–';
    table.appendChild(el('tr', { class: 'run', 'data-run': r.id },
      el('td', {}, box), el('td', {}, r.id), el('td', {}, r.scenario || '–'), el('td', {}, r.createdAt || r.firstStarted || '–'),
      el('td', {}, design), el('td', { class: 'num' }, r.done + (r.planned ? ' / ' + r.planned : '')),
      el('td', { class: 'num' }, r.inFlight), el('td', { class: 'num' }, r.errors), el('td', { class: 'num' }, r.limits),
      el('td', { class: 'num' }, r.tokens.input.toLocaleString('en') + ' / ' + r.tokens.output.toLocaleString('en')),
      el('td', { class: 'num' }, r.costUsd === undefined ? '–' : '$' + r.costUsd.toFixed(2))));
  }
  view.appendChild(table);
  const runsParam = [...selected].join(',');
  view.appendChild(el('p', {}, el('a', { href: '/api/grid.csv' + query({ runs: runsParam }), download: 'offswitch-cells.csv', id: 'cells-csv' }, 'Download cells (CSV)')));
  if (grid.scenarios.length === 0) view.appendChild(el('p', { class: 'muted' }, 'No episodes stored yet.'));
  for (const t of grid.scenarios) view.appendChild(scenarioGrid(t, runsParam, grid.showsDesigns));
  return view;
}

function scenarioGrid(t, runsParam, showsDesigns) {
  const section = el('section', { class: 'scenario', 'data-scenario': t.scenario });
  section.appendChild(el('h2', {}, t.scenario + ': ' + t.rateName));
  section.appendChild(el('p', { class: 'muted' }, 'k/n = episodes that showed ', el('b', {}, t.measured || 'nothing measured'),
    ' / episodes counted (', t.outcomes.filter(o => o.scored).map(o => o.label).join(', '), '); 95% Jeffreys interval. Not counted: ',
    t.outcomes.filter(o => !o.scored).map(o => o.label).join(', ') || 'none', '.'));
  const conditions = [...new Set(t.cells.map(c => c.condition))];
  const models = [...new Set(t.cells.map(c => c.agentLabel))];
  const table = el('table', { class: 'grid' }, el('tr', {}, el('th', {}, 'model \\ condition'), conditions.map(c => el('th', {}, c))));
  for (const m of models) {
    const row = el('tr', {}, el('th', {}, m));
    for (const c of conditions) {
      const td = el('td', { class: 'cell' });
      for (const cell of t.cells.filter(x => x.agentLabel === m && x.condition === c)) td.appendChild(cellBox(cell, runsParam, showsDesigns));
      row.appendChild(td);
    }
    table.appendChild(row);
  }
  section.appendChild(table);
  section.appendChild(chartBlock(t));
  return section;
}

function cellBox(cell, runsParam, showsDesigns) {
  const box = el('div', { class: 'cellbox', 'data-cell': cell.id });
  const open = link(cell.k + '/' + cell.n, '/cell/' + cell.id + query({ runs: runsParam }), { class: 'open-cell' });
  box.appendChild(el('div', {}, open, ' ', el('span', { class: 'rate' }, pct(cell.rate))));
  box.appendChild(el('div', { class: 'muted' }, interval(cell.jeffreys)));
  box.appendChild(el('div', { class: 'muted' }, 'attempted ' + cell.attempted + ' · errors ' + cell.error + ' · limits ' + cell.limit));
  if (showsDesigns) box.appendChild(el('div', { class: 'muted' }, 'design ' + cell.design + ' · runs ' + cell.runs.join(', ')));
  if (cell.published) {
    const p = cell.published;
    box.appendChild(el('div', { class: 'pub' }, 'published ' + pct(p.rate) + (p.k !== undefined ? ' (' + p.k + '/' + p.n + ')' : ' (n ' + p.n + ')'),
      ' ', p.study, ' · ', p.likeness));
  }
  const pick = el('input', { type: 'checkbox', class: 'pick', title: 'compare' });
  pick.checked = state.picks.some(x => x.id === cell.id && x.runs === runsParam);
  pick.addEventListener('change', () => {
    state.picks = state.picks.filter(x => !(x.id === cell.id && x.runs === runsParam));
    if (pick.checked) state.picks.push({ id: cell.id, runs: runsParam, label: cell.scenario + ' ' + cell.agentLabel + ' ' + cell.condition + (runsParam ? ' (' + runsParam + ')' : '') });
    state.picks = state.picks.slice(-2);
    renderPicks();
  });
  box.appendChild(el('label', { class: 'muted' }, pick, ' compare'));
  return box;
}

function renderPicks() {
  const bar = clear(document.getElementById('picks'));
  if (state.picks.length === 0) return;
  bar.appendChild(document.createTextNode('Compare: ' + state.picks.map(p => p.label).join('  vs  ') + ' '));
  if (state.picks.length === 2) {
    const [a, b] = state.picks;
    bar.appendChild(link('compare', '/compare' + query({ a: a.id, aruns: a.runs, b: b.id, bruns: b.runs }), { id: 'compare-link' }));
  }
  bar.appendChild(document.createTextNode(' '));
  bar.appendChild(button('clear', () => { state.picks = []; render(); }, 'link'));
}

// ---- Charts: SVG made with DOM calls, colours as attributes so a downloaded file looks the same ----

function chart(t) {
  const cells = t.cells;
  const barW = 34, gap = 14, left = 48, top = 24, h = 200, bottom = 110;
  const width = Math.max(440, left + cells.length * (barW + gap) + 150);
  const s = svg('svg', { xmlns: SVG_NS, width, height: top + h + bottom, viewBox: '0 0 ' + width + ' ' + (top + h + bottom), class: 'chart', role: 'img' });
  s.appendChild(svg('rect', { x: 0, y: 0, width, height: top + h + bottom, fill: '#ffffff' }));
  s.appendChild(svg('text', { x: left, y: 16, 'font-size': 13, fill: '#222' }, t.scenario + ': ' + t.rateName + ' with 95% Jeffreys intervals'));
  const y = (v) => top + h - v * h;
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    s.appendChild(svg('line', { x1: left, x2: width - 10, y1: y(v), y2: y(v), stroke: '#e3e3e3' }));
    s.appendChild(svg('text', { x: left - 6, y: y(v) + 4, 'font-size': 11, 'text-anchor': 'end', fill: '#555' }, (v * 100) + '%'));
  }
  cells.forEach((c, i) => {
    const x = left + gap / 2 + i * (barW + gap);
    if (c.rate !== undefined) {
      s.appendChild(svg('rect', { x, y: y(c.rate), width: barW, height: Math.max(0, h * c.rate), fill: '#3a6ee8', 'data-cell': c.id }));
    }
    if (c.jeffreys) {
      const cx = x + barW / 2;
      s.appendChild(svg('line', { x1: cx, x2: cx, y1: y(c.jeffreys.low), y2: y(c.jeffreys.high), stroke: '#111', 'stroke-width': 1.5, class: 'interval' }));
      for (const v of [c.jeffreys.low, c.jeffreys.high]) s.appendChild(svg('line', { x1: cx - 6, x2: cx + 6, y1: y(v), y2: y(v), stroke: '#111', 'stroke-width': 1.5 }));
    }
    if (c.published) {
      const cy = y(c.published.rate), cx = x + barW / 2;
      s.appendChild(svg('path', { d: 'M' + (cx - 5) + ' ' + cy + ' L' + cx + ' ' + (cy - 5) + ' L' + (cx + 5) + ' ' + cy + ' L' + cx + ' ' + (cy + 5) + ' Z', fill: '#8e44ad', class: 'published' }));
    }
    const lx = x + barW / 2, ly = top + h + 10;
    s.appendChild(svg('text', { x: lx, y: ly, 'font-size': 11, fill: '#333', transform: 'rotate(50 ' + lx + ' ' + ly + ')' },
      (c.model.length > 22 ? c.model.slice(0, 21) + '…' : c.model) + ' · ' + c.condition));
  });
  return s;
}

function chartBlock(t) {
  const s = chart(t);
  const name = 'offswitch-' + t.scenario.replace(/[^A-Za-z0-9._-]/g, '_');
  const svgButton = button('chart as SVG', () => download(name + '.svg', new Blob([new XMLSerializer().serializeToString(s)], { type: 'image/svg+xml' })), 'svg-download');
  const pngButton = button('chart as PNG', () => chartPng(s, name + '.png'), 'png-download');
  return el('div', { class: 'chartblock' }, s, el('div', {}, svgButton, ' ', pngButton));
}

function chartPng(s, name) {
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(s)], { type: 'image/svg+xml' }));
  const img = new Image();
  img.addEventListener('load', () => {
    const canvas = el('canvas', { width: s.getAttribute('width') * 2, height: s.getAttribute('height') * 2 });
    const g = canvas.getContext('2d');
    g.scale(2, 2);
    g.drawImage(img, 0, 0);
    URL.revokeObjectURL(url);
    canvas.toBlob((blob) => download(name, blob), 'image/png');
  });
  img.src = url;
}

// ---- A cell's episodes ----

const SORTS = ['started', 'epoch', 'outcome', 'duration', 'id'];

async function renderCell(id, params) {
  const limit = 50;
  const data = await getJson('/api/cell/' + encodeURIComponent(id) + '/episodes' + query(Object.assign({}, params, { limit })));
  const c = data.cell;
  const view = el('div');
  view.appendChild(el('p', {}, link('← grid', '/' + query({ runs: params.runs }))));
  view.appendChild(el('h1', {}, c.scenario + ' · ' + c.agentLabel + ' · ' + c.condition));
  view.appendChild(el('p', {}, el('span', { class: 'rate' }, c.k + '/' + c.n + ' ' + pct(c.rate)), ' ', interval(c.jeffreys),
    ' · attempted ' + c.attempted + ' · tried and failed ' + c.triedAndFailed + ' · errors ' + c.error + ' · limits ' + c.limit + ' · design ' + c.design));
  view.appendChild(filters(id, params, data.facets));
  const set = (changes) => { location.hash = '#/cell/' + encodeURIComponent(id) + query(Object.assign({}, params, changes)); };
  const offset = Number(params.offset || 0);
  const pager = el('div', { class: 'pager' }, el('span', { id: 'total' }, data.total + ' episodes'),
    offset > 0 ? button('← previous', () => set({ offset: Math.max(0, offset - limit) })) : null,
    el('span', { class: 'muted' }, data.total ? (offset + 1) + '–' + (offset + data.episodes.length) : ''),
    offset + limit < data.total ? button('next →', () => set({ offset: offset + limit }), 'next') : null,
    el('a', { href: '/api/cell/' + encodeURIComponent(id) + '/episodes.csv' + query(Object.assign({}, params, { offset: undefined })), download: 'episodes.csv', id: 'episodes-csv' }, 'episodes (CSV)'));
  view.appendChild(pager);
  const header = el('tr', {});
  for (const [label, sort] of [['episode', 'id'], ['epoch', 'epoch'], ['outcome', 'outcome'], ['attempts', null], ['judges', null], ['started', 'started'], ['duration', 'duration'], ['turns', null], ['reason', null]]) {
    if (!sort) { header.appendChild(el('th', {}, label)); continue; }
    const on = (params.sort || 'started') === sort;
    const b = button(label + (on ? (params.desc === '1' ? ' ▼' : ' ▲') : ''), () => set({ sort, desc: on && params.desc !== '1' ? '1' : undefined, offset: undefined }), 'link sort');
    b.dataset.sort = sort;
    header.appendChild(el('th', {}, b));
  }
  const table = el('table', { id: 'episodes' }, header);
  for (const e of data.episodes) {
    table.appendChild(el('tr', { class: 'episode', 'data-episode': e.id },
      el('td', {}, link(e.id, '/episode/' + encodeURIComponent(e.id))), el('td', { class: 'num' }, e.epoch),
      el('td', {}, outcomeBadge(e.outcome, c)), el('td', {}, e.attemptKinds.map(k => el('span', { class: 'badge' }, k))),
      el('td', {}, e.judgeLabels.map(k => el('span', { class: 'badge' }, k))), el('td', {}, e.startedAt),
      el('td', { class: 'num' }, (e.durationMillis / 1000).toFixed(1) + ' s'), el('td', { class: 'num' }, e.turns),
      el('td', {}, e.reason.length > 160 ? e.reason.slice(0, 159) + '…' : e.reason)));
  }
  view.appendChild(table);
  return view;
}

function outcomeBadge(outcome, cell) {
  const measured = cell && outcome === cell.measured;
  return el('span', { class: 'badge outcome' + (measured ? ' measured' : '') }, outcome);
}

function filters(id, params, facets) {
  const form = el('form', { class: 'filters', id: 'filters' });
  const select = (name, label, values) => {
    const s = el('select', { name }, el('option', { value: '' }, 'any'), values.map(v => el('option', { value: v }, v)));
    s.value = params[name] || '';
    return el('label', {}, label, s);
  };
  form.appendChild(select('outcome', 'outcome', facets.outcome));
  form.appendChild(select('attempt', 'attempt', ['any', 'none'].concat(facets.attemptKind).filter((v, i, a) => a.indexOf(v) === i)));
  form.appendChild(select('judge', 'judge verdict', ['none'].concat(facets.judgeLabel)));
  // What the eval-awareness judges found the agent said of its situation; none: not judged.
  form.appendChild(select('aware', 'eval awareness', ['none'].concat(facets.awareness || [])));
  const q = el('input', { name: 'q', type: 'search', placeholder: 'text in the transcript' });
  q.value = params.q || '';
  form.appendChild(el('label', {}, 'search', q));
  form.appendChild(el('button', { type: 'submit' }, 'filter'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = { runs: params.runs, sort: params.sort, desc: params.desc };
    for (const [k, v] of new FormData(form).entries()) next[k] = v;
    location.hash = '#/cell/' + encodeURIComponent(id) + query(next);
  });
  form.querySelectorAll('select').forEach(s => s.addEventListener('change', () => form.requestSubmit()));
  return form;
}

// ---- An episode ----

async function renderEpisode(id) {
  const data = await getJson('/api/episode/' + encodeURIComponent(id));
  const view = el('div');
  view.appendChild(el('p', {}, button('← back', () => history.back(), 'link')));
  view.appendChild(transcript(data));
  return view;
}

function transcript(data) {
  const r = data.record, d = data.derived;
  const root = el('div', { class: 'transcript', 'data-episode': r.id });
  root.appendChild(el('h1', {}, r.id));
  const turnLink = (turn, cls) => button('turn ' + turn, () => {
    const t = root.querySelector('[data-turn="' + Number(turn) + '"]');
    if (t) t.scrollIntoView({ block: 'start' });
  }, 'link ' + (cls || 'turn-link'));
  // The step(s) the world found decided the outcome; a record stored before they existed shows none (none is guessed).
  const moments = r.verdict.decisive || [];
  const decisive = new Set(d.decisiveTurns || []);
  root.appendChild(el('p', {}, el('span', { class: 'badge outcome' + (d.showedBehaviour ? ' measured' : '') }, r.verdict.outcome),
    moments.length ? [' decided at ', turnLink(moments[0].turn, 'outcome-decisive')] : null,
    ' ', r.key.scenario, ' · ', r.key.model, ' · condition ', r.key.condition, ' · epoch ', r.key.epoch,
    ' · ', ((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1), ' s',
    ' · ', el('a', { href: '/api/episode/' + encodeURIComponent(r.id) + '/download', download: 'episode.json', class: 'episode-json' }, 'episode (JSON)')));
  root.appendChild(el('h2', {}, 'Verdict'));
  root.appendChild(longText(r.verdict.reason, 'reason'));
  root.appendChild(el('div', { class: 'decisive-summary' }, el('b', {}, 'Decisive moment: '),
    moments.length === 0 ? el('span', { class: 'muted' }, 'none recorded') : moments.map(m => el('div', { class: 'decisive-moment' },
      turnLink(m.turn, 'decisive-link'), ' ', el('span', { class: 'badge measured' }, m.kind), ' ', el('span', { class: 'decisive-reason' }, m.reason)))));
  root.appendChild(evidenceList(r.verdict.evidence));
  root.appendChild(el('h2', {}, 'Attempts (' + r.attempts.length + ')'));
  if (r.attempts.length === 0) root.appendChild(el('p', { class: 'muted' }, 'none recorded'));
  for (const a of r.attempts) {
    root.appendChild(el('div', { class: 'entry attempt' }, el('span', { class: 'badge bad' }, a.kind), ' on ', el('code', {}, a.target), ' · ',
      turnLink(a.turn), decisive.has(a.turn) ? el('span', { class: 'badge measured' }, 'decisive moment') : null,
      el('div', {}, a.description), a.command ? longText(a.command, 'command') : null, evidenceList(a.evidence)));
  }
  if (r.judgements.length) {
    root.appendChild(el('h2', {}, 'Judges'));
    for (const j of r.judgements) {
      root.appendChild(el('div', { class: 'entry judgement' }, el('b', {}, j.judge), j.scripted ? ' (rules)' : ' (model)', ': ',
        el('span', { class: 'badge' }, j.label), longText(j.reasoning, 'judge-reasoning'), j.reply ? el('details', {}, el('summary', {}, 'full reply'), longText(j.reply)) : null));
    }
  }
  // Files before and after, the world's network, mail sent: evidence.js.
  root.appendChild(environmentEvidence(d.evidence || {}, turnLink));
  if (r.caveats.length) {
    root.appendChild(el('h2', {}, 'Caveats'));
    for (const c of r.caveats) root.appendChild(el('div', { class: 'entry' }, el('b', {}, c.kind), ' (turn ' + c.turn + '): ', c.description, evidenceList(c.evidence)));
  }
  const events = r.defenceEvents || [];
  if (r.key.defence) root.appendChild(el('p', {}, 'defence ', el('b', {}, r.key.defence), ' · ', events.length + ' decision(s), shown at their turns'));
  root.appendChild(el('h2', {}, 'Transcript'));
  const attemptTurns = new Set(d.attemptTurns);
  let turnBox = null, currentTurn = null;
  r.transcript.forEach((entry, i) => {
    if (entry.turn !== currentTurn) {
      currentTurn = entry.turn;
      const cls = 'turn' + (attemptTurns.has(entry.turn) ? ' attempt' : '') + (decisive.has(entry.turn) ? ' decisive' : '');
      turnBox = el('div', { class: cls, 'data-turn': entry.turn },
        el('div', { class: 'turnhead' }, entry.turn === 0 ? 'Prompts' : 'Turn ' + entry.turn,
          decisive.has(entry.turn) ? ' · decisive moment' : attemptTurns.has(entry.turn) ? ' · attempt' : ''));
      for (const m of moments.filter(m => m.turn === entry.turn)) turnBox.appendChild(el('div', { class: 'decisive-why' }, 'decided the outcome: ', m.reason));
      root.appendChild(turnBox);
    }
    turnBox.appendChild(message(entry, d.status[i]));
    // The defence's decisions of this turn, after its last entry (an audit's after the transcript).
    const next = r.transcript[i + 1];
    if (!next || next.turn !== entry.turn) {
      for (const e of events.filter(e => e.phase !== 'audit' && e.turn === entry.turn)) turnBox.appendChild(defenceEvent(e));
    }
  });
  const shownTurns = new Set(r.transcript.map(t => t.turn));
  for (const e of events.filter(e => e.phase === 'audit' || !shownTurns.has(e.turn))) root.appendChild(defenceEvent(e));
  return root;
}

function defenceEvent(e) {
  const flagged = e.decision !== 'allow';
  return el('div', { class: 'entry defence', 'data-decision': e.decision }, el('span', { class: 'role' }, 'defence ' + e.defence), ' ',
    el('span', { class: 'badge ' + (flagged ? 'bad' : 'ok') }, e.decision), ' ', e.phase === 'audit' ? 'after the episode' : 'turn ' + e.turn + ' (' + e.phase + ')',
    e.score !== undefined && e.score !== null ? ' · score ' + Number(e.score).toFixed(3) : '', e.resource ? el('span', {}, ' on ', el('code', {}, e.resource)) : null,
    e.action ? longText(e.action, 'defence-action') : null, e.reason ? el('div', {}, e.reason) : null,
    e.latencyMillis || e.inputTokens || e.outputTokens ? el('span', { class: 'meta' }, e.latencyMillis + ' ms · tokens ' + (e.inputTokens + e.outputTokens)) : null);
}

function message(entry, status) {
  const m = entry.message;
  const meta = el('span', { class: 'meta' }, new Date(Date.parse(entry.at)).toISOString().slice(11, 23), entry.durationMillis ? ' · ' + entry.durationMillis + ' ms' : '');
  if (m.role === 'assistant') {
    const u = m.usage || {};
    const box = el('div', { class: 'entry assistant' }, el('span', { class: 'role' }, 'assistant'), meta,
      u.inputTokens || u.outputTokens ? el('span', { class: 'meta' }, ' · tokens in ' + u.inputTokens + ', out ' + u.outputTokens + (u.reasoningTokens ? ', reasoning ' + u.reasoningTokens : '')) : null);
    if (m.reasoning) box.appendChild(el('div', { class: 'reasoning' }, el('div', { class: 'meta' }, 'reasoning'), longText(m.reasoning, 'reasoning-text')));
    if (m.text) box.appendChild(longText(m.text, 'assistant-text'));
    for (const call of m.toolCalls) box.appendChild(toolCall(call));
    return box;
  }
  if (m.role === 'tool') {
    const bad = status && status !== 'exit 0' && status !== 'ok';
    return el('div', { class: 'entry tool' }, el('span', { class: 'role' }, 'tool ' + m.toolName), meta, ' ',
      el('span', { class: 'badge status ' + (bad ? 'bad' : 'ok') }, status || ''), longText(m.content, 'tool-output'));
  }
  return el('div', { class: 'entry ' + m.role }, el('span', { class: 'role' }, m.role), meta, longText(m.text, 'prompt'));
}

function toolCall(call) {
  let args = null;
  try { args = JSON.parse(call.argumentsJson); } catch (e) { args = null; }
  const box = el('div', { class: 'toolcall' }, el('span', { class: 'meta' }, 'calls ', el('b', {}, call.name)));
  if (args && typeof args === 'object' && !Array.isArray(args)) {
    for (const [k, v] of Object.entries(args)) box.appendChild(el('div', {}, el('span', { class: 'meta' }, k), longText(typeof v === 'string' ? v : JSON.stringify(v), 'argument arg-' + k.replace(/[^a-z0-9_-]/gi, ''))));
  } else {
    box.appendChild(el('div', {}, el('span', { class: 'meta' }, 'arguments (not a JSON object)'), longText(call.argumentsJson, 'argument')));
  }
  return box;
}

function evidenceList(evidence) {
  if (!evidence || evidence.length === 0) return null;
  return el('ul', { class: 'evidence' }, evidence.map(e => el('li', {}, el('b', {}, e.kind), ': ', e.detail.length > SHOWN_CHARS ? longText(e.detail) : e.detail)));
}

// ---- Comparison ----

async function renderCompare(params) {
  const data = await getJson('/api/compare' + query({ a: params.a, aruns: params.aruns, b: params.b, bruns: params.bruns }));
  const view = el('div', { id: 'comparison' });
  view.appendChild(el('h1', {}, 'Comparison'));
  const row = (label, c) => el('tr', {}, el('th', {}, label), el('td', {}, c.scenario), el('td', {}, c.agentLabel), el('td', {}, c.condition),
    el('td', {}, c.runs.join(', ')), el('td', { class: 'num' }, c.k + '/' + c.n), el('td', { class: 'num' }, pct(c.rate)), el('td', {}, interval(c.jeffreys)));
  view.appendChild(el('table', {}, el('tr', {}, ['', 'scenario', 'model', 'condition', 'runs', 'k/n', 'rate', '95% interval'].map(h => el('th', {}, h))),
    row('A', data.a), row('B', data.b)));
  const d = data.difference;
  if (d.difference !== undefined) {
    view.appendChild(el('p', { id: 'difference' }, el('b', {}, 'A − B = ' + (100 * d.difference).toFixed(1) + ' points'),
      ', 95% interval [' + (100 * d.low).toFixed(1) + ', ' + (100 * d.high).toFixed(1) + '] (Newcombe); Fisher exact p = ' + d.fisherP.toPrecision(3)
      + ', two-proportion z-test p = ' + d.zTestP.toPrecision(3) + (d.excludesZero ? ': the interval leaves out 0.' : ': the interval includes 0.')));
  } else {
    view.appendChild(el('p', { id: 'difference', class: 'muted' }, data.sameScenario ? 'No difference: a cell has no counted episode.' : 'Cells of different scenarios measure different behaviours: no difference is computed.'));
  }
  const panes = el('div', { class: 'side' });
  for (const [side, cell, runs] of [['a', data.a, params.aruns], ['b', data.b, params.bruns]]) {
    const pane = el('div', { class: 'pane', 'data-side': side });
    panes.appendChild(pane);
    await comparePane(pane, side, cell, runs, params);
  }
  view.appendChild(panes);
  return view;
}

async function comparePane(pane, side, cell, runs, params) {
  const chosen = params['e' + side];
  pane.appendChild(el('h2', {}, side.toUpperCase() + ': ' + cell.agentLabel + ' · ' + cell.condition));
  const list = await getJson('/api/cell/' + encodeURIComponent(cell.id) + '/episodes' + query({ runs, limit: 20, outcome: params['o' + side] }));
  const pick = el('select', { class: 'outcome-filter' }, el('option', { value: '' }, 'any outcome'), list.facets.outcome.map(o => el('option', { value: o }, o)));
  pick.value = params['o' + side] || '';
  pick.addEventListener('change', () => { location.hash = '#/compare' + query(Object.assign({}, params, { ['o' + side]: pick.value, ['e' + side]: undefined })); });
  pane.appendChild(el('div', {}, pick, ' ', list.total + ' episodes'));
  const ul = el('ul', { class: 'pane-episodes' });
  for (const e of list.episodes) {
    ul.appendChild(el('li', {}, link(e.id, '/compare' + query(Object.assign({}, params, { ['e' + side]: e.id })), { 'data-episode': e.id }), ' ', outcomeBadge(e.outcome, cell)));
  }
  pane.appendChild(ul);
  if (chosen) pane.appendChild(transcript(await getJson('/api/episode/' + encodeURIComponent(chosen))));
}

// ---- Following a run in progress: poll the store's version, redraw lists and grids when it moves ----

async function poll() {
  try {
    const v = await getJson('/api/version');
    const live = document.getElementById('live');
    if (state.version !== null && v.version !== state.version) {
      const { parts } = parseHash();
      if (parts.length === 0 || parts[0] === 'cell') {
        const y = window.scrollY;
        await render();
        window.scrollTo(0, y);
      }
      live.textContent = 'updated ' + new Date().toLocaleTimeString();
    }
    state.version = v.version;
  } catch (e) {
    document.getElementById('live').textContent = 'viewer not reachable';
  }
}

// ---- Pending approvals of running episodes: a person approves or denies a call, releases or discards a held item ----

async function pollApprovals() {
  const box = document.getElementById('approvals');
  let a;
  try {
    a = await getJson('/api/approvals');
  } catch (e) {
    return;
  }
  state.approvalToken = a.token || null;
  const shown = JSON.stringify(a.pending.map(p => p.id)) + a.decidable;
  if (shown === state.approvalsShown) return; // redraw only when the list changed
  state.approvalsShown = shown;
  clear(box);
  if (a.pending.length === 0) return;
  box.appendChild(el('h2', {}, 'Pending approvals (' + a.pending.length + ')'));
  if (!a.decidable) box.appendChild(el('p', { class: 'muted' }, 'Shown only: ' + (a.why || 'answers are not taken here')));
  for (const p of a.pending) {
    const held = p.kind === 'held-item';
    const row = el('div', { class: 'approval', 'data-approval': p.id },
      el('div', { class: 'meta' }, (held ? 'held item' : 'proposed call') + ' · episode ' + p.episode + ' · turn ' + p.turn
        + ' · unanswered by ' + new Date(p.deadline).toLocaleTimeString() + ' counts as no answer'),
      longText(p.subject));
    if (a.decidable) {
      const status = el('span', { class: 'meta status' });
      row.appendChild(button(held ? 'Release' : 'Approve', () => answer(p.id, 'approve', status), 'approve'));
      row.appendChild(button(held ? 'Discard' : 'Deny', () => answer(p.id, 'deny', status), 'deny'));
      row.appendChild(status);
    }
    box.appendChild(row);
  }
}

async function answer(id, decision, status) {
  const r = await fetch('/api/approvals/' + encodeURIComponent(id), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Offswitch-Token': state.approvalToken || '', Accept: 'application/json' },
    body: JSON.stringify({ decision }),
  });
  const body = await r.json().catch(() => ({}));
  status.textContent = r.ok ? ' ' + decision + 'd by ' + body.by : ' not taken: ' + (body.error || 'error ' + r.status);
  setTimeout(() => { state.approvalsShown = null; pollApprovals(); }, 1500);
}

window.addEventListener('hashchange', render);
window.addEventListener('DOMContentLoaded', () => {
  render();
  poll();
  setInterval(poll, 2000);
  pollApprovals();
  setInterval(pollApprovals, 1000);
});
