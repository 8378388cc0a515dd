// offswitch view: the environment's evidence of one episode (files before and after as a diff, the
// world's network connections with their bytes, the mail sent or written), from the server's
// derived.evidence. Loaded after app.js and built with its helpers (el, longText, button): every
// string here came out of a sandbox or a model and reaches the page as text only, never as markup.
'use strict';

const DIFF_SHOWN_LINES = 200;
const DIFF_MORE_LINES = 1000;
const DIFF_LINE_CHARS = 1000;

/** The section of a transcript that shows what the environment recorded; turnLink(turn) jumps to a turn. */
function environmentEvidence(ev, turnLink) {
  const files = ev.files || [], network = ev.network || [], mail = ev.mail || [];
  const box = el('section', { class: 'environment' });
  box.appendChild(el('h2', {}, 'Environment evidence'));
  if (files.length + network.length + mail.length === 0) {
    box.appendChild(el('p', { class: 'muted' }, 'no file changes, connections or mail recorded'));
    return box;
  }
  if (files.length) {
    box.appendChild(el('h3', {}, 'Files before and after (' + files.length + ')'));
    for (const f of files) box.appendChild(fileEvidence(f));
  }
  if (network.length) {
    box.appendChild(el('h3', {}, 'Network (' + network.length + ' connection' + (network.length === 1 ? '' : 's') + ')'));
    const table = el('table', { class: 'network' }, el('tr', {}, ['turn', 'kind', 'to', 'what the world recorded', 'command'].map(h => el('th', {}, h))));
    for (const c of network) {
      table.appendChild(el('tr', { class: 'connection' }, el('td', {}, c.turn > 0 ? turnLink(c.turn) : 'unattributed'), el('td', {}, c.kind),
        el('td', {}, el('code', { class: 'target' }, c.target)), el('td', {}, el('div', { class: 'connection-detail' }, c.detail), el('div', { class: 'muted' }, c.description)),
        el('td', {}, c.command ? longText(c.command, 'command') : '')));
    }
    box.appendChild(table);
  }
  if (mail.length) {
    box.appendChild(el('h3', {}, 'Mail and documents (' + mail.length + ')'));
    for (const m of mail) box.appendChild(mailEvidence(m, turnLink));
  }
  return box;
}

function fileEvidence(f) {
  const state = (s) => s ? s.type + ' · mode ' + s.mode + ' · ' + s.size + ' bytes' + (s.linkTarget ? ' · → ' + s.linkTarget : '') : '';
  const box = el('div', { class: 'entry file-evidence' }, el('span', { class: 'badge' }, f.change), ' ', el('code', { class: 'path' }, f.path),
    f.from ? [' from ', el('code', { class: 'path' }, f.from)] : null,
    f.added !== undefined ? el('span', { class: 'meta' }, ' +' + f.added + ' −' + f.removed) : null);
  if (f.modes) box.appendChild(el('div', { class: 'muted' }, 'mode ' + f.modes));
  if (f.before || f.after) box.appendChild(el('div', { class: 'muted' }, f.before ? 'before: ' + state(f.before) : 'before: absent',
    ' · ', f.after ? 'after: ' + state(f.after) : 'after: absent'));
  if (f.noDiff) box.appendChild(el('div', { class: 'muted' }, f.noDiff));
  if (f.diff) box.appendChild(diffLines(f.diff, f.cut || 0));
  return box;
}

/** A unified diff's lines, the first DIFF_SHOWN_LINES shown, more on request; very long lines cut with their length said. */
function diffLines(lines, cutOnServer) {
  const out = el('div', { class: 'diff' });
  const body = el('div', {});
  out.appendChild(body);
  let shown = 0;
  const line = (text) => {
    const cls = text.startsWith('@@') ? 'hunk' : text.startsWith('+') ? 'add' : text.startsWith('-') ? 'del' : 'same';
    const s = text.length > DIFF_LINE_CHARS ? text.slice(0, DIFF_LINE_CHARS) + ' … (' + (text.length - DIFF_LINE_CHARS).toLocaleString('en') + ' more characters on this line)' : text;
    return el('pre', { class: cls }, s);
  };
  const more = el('button', { type: 'button', class: 'link more diff-more' });
  const showUpTo = (n) => {
    for (; shown < Math.min(n, lines.length); shown++) body.appendChild(line(lines[shown]));
    if (shown >= lines.length) more.remove();
    else more.textContent = 'show more (' + (lines.length - shown).toLocaleString('en') + ' more lines)';
  };
  more.addEventListener('click', () => showUpTo(shown + DIFF_MORE_LINES));
  out.appendChild(more);
  showUpTo(DIFF_SHOWN_LINES);
  if (cutOnServer > 0) out.appendChild(el('div', { class: 'muted' }, '(' + cutOnServer.toLocaleString('en') + ' more lines of this diff are not shown here; the episode JSON has the file before and after)'));
  return out;
}

function mailEvidence(m, turnLink) {
  const label = { 'sent-mail': 'sent', 'undelivered-mail': 'not delivered', written: 'written', refused: 'refused' }[m.evidence] || m.evidence;
  const bad = m.evidence === 'undelivered-mail' || m.evidence === 'refused';
  const box = el('div', { class: 'entry mail', 'data-turn-of': m.turn },
    el('span', { class: 'badge ' + (bad ? 'bad' : 'ok') }, label), ' ', m.kind, m.name ? [' ', el('code', { class: 'doc-name' }, m.name)] : null, ' · ',
    m.turn > 0 ? turnLink(m.turn) : 'turn unknown');
  if (m.problem) box.appendChild(el('div', { class: 'muted problem' }, m.problem));
  if (m.to.length) box.appendChild(el('div', {}, el('span', { class: 'meta' }, 'to '), el('span', { class: 'mail-to' }, m.to.join(', '))));
  if (m.cc.length) box.appendChild(el('div', {}, el('span', { class: 'meta' }, 'cc '), el('span', { class: 'mail-cc' }, m.cc.join(', '))));
  if (m.attachments.length) box.appendChild(el('div', {}, el('span', { class: 'meta' }, 'attachments '), m.attachments.join(', ')));
  if (m.subject) box.appendChild(el('div', {}, el('span', { class: 'meta' }, 'subject '), el('b', { class: 'mail-subject' }, m.subject)));
  box.appendChild(longText(m.body, 'mail-body'));
  return box;
}
