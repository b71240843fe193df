/**
 * The message browser (issue 16, item 4): `/queue/messages` searches the store, `/queue/messages/:id`
 * shows one message: metadata, its trail as a timeline and, for operators allowed to see content,
 * the raw v2 segment by segment (field names on hover), the FHIR Bundle (collapsible JSON), the ACK
 * and each destination's response. Actions: reprocess, edit-and-resend (with a reason), download,
 * and a dry run through the channel's current routes (what each destination would get, nothing sent).
 * Everything is read from the JSON API with the session cookie; every node is built with
 * textContent (nothing from the server is parsed as HTML), like app.js.
 */
import { escapeHtml } from './pages.js';

export function messagesHtml(o: { csrf: string; messageId?: string }): string {
  const detail = o.messageId !== undefined;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="hig-csrf" content="${escapeHtml(o.csrf)}">
${detail ? `<meta name="hig-message" content="${escapeHtml(o.messageId!)}">` : ''}
<title>hig · ${detail ? 'message' : 'messages'}</title>
<link rel="stylesheet" href="/queue/app.css">
<script src="/queue/messages.js" defer></script>
</head>
<body>
<header class="bar">
  <h1>hig <span class="muted">message browser</span></h1>
  <div class="controls"><a class="barlink" href="/queue">queue monitor</a><a class="barlink" href="/queue/messages">search</a></div>
</header>
<main>
  <p id="error" class="error" hidden></p>
${
  detail
    ? `  <section id="meta-section"><h2 id="title">Message</h2><table class="grid kv" id="meta"></table></section>
  <section><h2>Timeline</h2><ol class="timeline" id="timeline"></ol></section>
  <section id="actions"><h2>Actions</h2>
    <div class="row left"><button id="reprocess" type="button">Reprocess</button><button id="dry-run" type="button" title="What each destination of the channel would get now (filters, transforms), without sending">Dry run</button><a id="download" href="#">Download raw</a><span id="action-result" class="muted"></span></div>
    <details id="edit"><summary>Edit and resend</summary>
      <textarea id="edit-raw" rows="10" cols="100" spellcheck="false"></textarea><br>
      <label>Reason <input id="edit-reason" size="60"></label> <button id="edit-send" type="button">Send as a new message</button>
    </details>
  </section>
  <section id="dry-run-section" hidden><h2>Dry run</h2><p class="muted">As <code>hig route</code> prints it: the channel's current filters and transforms, nothing sent.</p><pre id="dry-run-out" class="json"></pre></section>
  <section><h2>Raw HL7 v2</h2><div id="raw" class="hl7"><p class="muted">loading…</p></div></section>
  <section><h2>FHIR result</h2><details id="fhir-box"><summary>Bundle JSON</summary><pre id="fhir" class="json"></pre></details></section>
  <section><h2>ACK</h2><div id="ack" class="hl7"></div></section>
  <section><h2>Destination responses</h2><div id="responses"></div></section>`
    : `  <form id="search" class="search">
    <label>Control id <input name="controlId"></label>
    <label>MRN <input name="mrn" placeholder="VALUE or VALUE^AUTHORITY"></label>
    <label>Name <input name="name" placeholder="FAMILY^GIVEN"></label>
    <label>Type <input name="type" size="8" placeholder="ADT^A01"></label>
    <label>Status <select name="status"><option value="">any</option><option>received</option><option>queued</option><option>processing</option><option>completed</option><option>failed</option><option>dead_lettered</option><option>filtered</option><option>replayed</option></select></label>
    <label>Channel <input name="channel" size="10"></label>
    <label>Since <input name="since" size="20" placeholder="2026-01-01T00:00:00Z"></label>
    <label>Until <input name="until" size="20"></label>
    <button type="submit" id="search-go">Search</button>
  </form>
  <table class="grid" id="results"><thead><tr><th>received</th><th>channel</th><th>type</th><th>control id</th><th>status</th><th>ACK</th><th>error</th><th>resends</th></tr></thead><tbody></tbody></table>
  <p><button id="more" type="button" hidden>More</button></p>`
}
</main>
</body>
</html>`;
}

export const MESSAGES_CSS = `
.barlink { color:#fff; margin-left:14px; }
form.search { display:flex; flex-wrap:wrap; gap:8px 14px; margin:10px 0 14px; align-items:flex-end; }
form.search label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); }
table.kv th { width:180px; color:var(--muted); font-weight:normal; }
ol.timeline { list-style:none; padding:0; margin:0; border-left:2px solid var(--line); }
ol.timeline li { margin:0 0 8px 0; padding:2px 0 2px 14px; position:relative; }
ol.timeline li::before { content:''; position:absolute; left:-6px; top:8px; width:10px; height:10px; border-radius:5px; background:var(--accent); }
ol.timeline li.bad::before { background:var(--warn); } ol.timeline li.good::before { background:var(--ok); }
ol.timeline .when { color:var(--muted); font-variant-numeric: tabular-nums; margin-right:8px; }
.hl7 { font-family: ui-monospace, Menlo, Consolas, monospace; font-size:12.5px; background:var(--card); border:1px solid var(--line); padding:8px; overflow-x:auto; }
.hl7 .seg { white-space:pre; } .hl7 .sid { font-weight:700; color:var(--accent); }
.hl7 .f:hover { background:#fff3c4; } .hl7 .sep { color:var(--muted); }
pre.json { background:var(--card); border:1px solid var(--line); padding:8px; max-height:600px; overflow:auto; }
.row.left { justify-content:flex-start; }
`;

/** Field names shown on hover, for the segments most messages carry (the rest show their position). */
const FIELD_NAMES: Record<string, string[]> = {
  MSH: ['', 'Field Separator', 'Encoding Characters', 'Sending Application', 'Sending Facility', 'Receiving Application', 'Receiving Facility', 'Date/Time of Message', 'Security', 'Message Type', 'Message Control ID', 'Processing ID', 'Version ID', 'Sequence Number', 'Continuation Pointer', 'Accept Ack Type', 'Application Ack Type', 'Country Code', 'Character Set'],
  EVN: ['', 'Event Type Code', 'Recorded Date/Time', 'Date/Time Planned Event', 'Event Reason Code', 'Operator ID', 'Event Occurred'],
  PID: ['', 'Set ID', 'Patient ID', 'Patient Identifier List', 'Alternate Patient ID', 'Patient Name', "Mother's Maiden Name", 'Date/Time of Birth', 'Administrative Sex', 'Patient Alias', 'Race', 'Patient Address', 'County Code', 'Phone Number - Home', 'Phone Number - Business', 'Primary Language', 'Marital Status', 'Religion', 'Patient Account Number', 'SSN'],
  PV1: ['', 'Set ID', 'Patient Class', 'Assigned Patient Location', 'Admission Type', 'Preadmit Number', 'Prior Patient Location', 'Attending Doctor', 'Referring Doctor', 'Consulting Doctor', 'Hospital Service'],
  OBR: ['', 'Set ID', 'Placer Order Number', 'Filler Order Number', 'Universal Service Identifier', 'Priority', 'Requested Date/Time', 'Observation Date/Time'],
  OBX: ['', 'Set ID', 'Value Type', 'Observation Identifier', 'Observation Sub-ID', 'Observation Value', 'Units', 'References Range', 'Interpretation Codes', 'Probability', 'Nature of Abnormal Test', 'Observation Result Status'],
  MSA: ['', 'Acknowledgment Code', 'Message Control ID', 'Text Message'],
  ERR: ['', 'Error Code and Location', 'Error Location', 'HL7 Error Code', 'Severity'],
};

export const MESSAGES_JS = `'use strict';
(function () {
  var FIELD_NAMES = ${JSON.stringify(FIELD_NAMES)};
  var csrf = (document.querySelector('meta[name="hig-csrf"]') || {}).content || '';
  var idMeta = document.querySelector('meta[name="hig-message"]');
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = String(text); if (cls) e.className = cls; return e; }
  function showError(msg) { var e = $('error'); e.textContent = msg; e.hidden = false; }
  function api(path, opts) {
    opts = opts || {};
    var headers = { 'x-hig-csrf': csrf };
    if (opts.body) headers['content-type'] = 'application/json';
    return fetch(path, { method: opts.method || 'GET', headers: headers, credentials: 'same-origin', body: opts.body ? JSON.stringify(opts.body) : undefined });
  }
  function fmt(t) { if (!t) return '–'; var d = new Date(t); return isNaN(d.getTime()) ? String(t) : d.toISOString().replace('T', ' ').replace(/\\.\\d+Z$/, 'Z'); }

  function renderHl7(box, text) {
    box.textContent = '';
    var fieldSep = text.length > 3 && text.slice(0, 3) === 'MSH' ? text[3] : '|';
    text.split(/\\r\\n|\\r|\\n/).filter(function (s) { return s.length > 0; }).forEach(function (line) {
      var seg = el('div', undefined, 'seg');
      var fields = line.split(fieldSep);
      var id = fields[0];
      var names = FIELD_NAMES[id] || [];
      seg.appendChild(el('span', id, 'sid'));
      for (var i = 1; i < fields.length; i++) {
        seg.appendChild(el('span', fieldSep, 'sep'));
        // MSH-1 is the separator itself: MSH fields after it are numbered one higher.
        var n = id === 'MSH' ? i + 1 : i;
        var f = el('span', fields[i], 'f');
        f.title = id + '-' + n + (names[n] ? ' ' + names[n] : '');
        seg.appendChild(f);
      }
      box.appendChild(seg);
    });
  }

  function search(cursor) {
    var form = $('search');
    var q = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (e) { if (e.name && e.value) q.set(e.name, e.value); });
    if (cursor) q.set('cursor', cursor);
    return api('/api/messages' + (q.toString() ? '?' + q : '')).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
        var tbody = $('results').querySelector('tbody');
        if (!cursor) tbody.textContent = '';
        $('error').hidden = true;
        body.items.forEach(function (m) {
          var tr = el('tr');
          tr.setAttribute('data-message-id', m.messageId);
          var a = el('a', fmt(m.receivedAt));
          a.href = '/queue/messages/' + encodeURIComponent(m.messageId);
          var td = el('td'); td.appendChild(a); tr.appendChild(td);
          [m.channelId, m.messageType || '–', m.controlId || '–', m.status, m.ackCode || '–', m.errorCode || '', m.duplicates || ''].forEach(function (v) { tr.appendChild(el('td', v)); });
          tbody.appendChild(tr);
        });
        var more = $('more');
        more.hidden = !body.next;
        more.onclick = function () { search(body.next).catch(function (e) { showError(e.message); }); };
        document.body.setAttribute('data-results', String(tbody.children.length));
      });
    });
  }

  function kv(table, key, value) { var tr = el('tr'); tr.appendChild(el('th', key)); tr.appendChild(el('td', value === null || value === undefined ? '–' : value)); table.appendChild(tr); }

  function content(path, onText, box, json) {
    return api(path).then(function (r) {
      if (r.status === 403) { box.textContent = ''; box.appendChild(el('p', 'Your role may not see message content (phi-viewer and up).', 'muted')); return; }
      if (r.status === 410) { box.textContent = ''; box.appendChild(el('p', 'Not held (never received, or past content retention).', 'muted')); return; }
      if (!r.ok) { box.textContent = ''; box.appendChild(el('p', 'HTTP ' + r.status, 'muted')); return; }
      return (json ? r.json() : r.text()).then(onText);
    });
  }

  function detail(id) {
    return api('/api/messages/' + encodeURIComponent(id)).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
        var m = body.record;
        if (!m) { showError('queued; not in the store yet'); return; }
        $('title').textContent = (m.messageType || 'Message') + ' ' + (m.controlId || '') + ' · ' + m.status;
        var t = $('meta'); t.textContent = '';
        kv(t, 'message id', m.messageId); kv(t, 'channel', m.channelId); kv(t, 'status', m.status); kv(t, 'received', fmt(m.receivedAt));
        kv(t, 'source', (m.sourceKind || '–') + (m.peer ? ' from ' + m.peer : '') + (m.fileName ? ' file ' + m.fileName : ''));
        kv(t, 'MSH-9 / 9.3 / 12', (m.messageType || '–') + ' / ' + (m.structure || '–') + ' / ' + (m.version || '–'));
        kv(t, 'MSH-3 / MSH-4', (m.sendingApplication || '–') + ' / ' + (m.sendingFacility || '–'));
        kv(t, 'ACK', (m.ackCode || '–') + (m.ackAt ? ' at ' + fmt(m.ackAt) : ''));
        kv(t, 'error', m.errorCode); kv(t, 'attempts', m.attempts); kv(t, 'resends / conflicts', m.duplicates + ' / ' + m.conflicts);
        kv(t, 'resources / unmapped fields', (m.resources === null ? '–' : m.resources) + ' / ' + (m.unmapped === null ? '–' : m.unmapped));
        if (m.origin) kv(t, 'origin', m.origin.kind + ' from ' + m.origin.messageId);
        var ol = $('timeline'); ol.textContent = '';
        var responses = $('responses'); responses.textContent = '';
        m.trail.forEach(function (e) {
          var li = el('li');
          li.className = e.outcome === 'permanent' || e.outcome === 'transient' || e.kind === 'dead_lettered' || e.kind === 'failed' ? 'bad' : (e.kind === 'completed' ? 'good' : '');
          li.setAttribute('data-kind', e.kind);
          li.appendChild(el('span', fmt(e.at), 'when'));
          var bits = [e.kind];
          if (e.stage) bits.push(e.stage); if (e.destinationId) bits.push('→ ' + e.destinationId); if (e.outcome) bits.push(e.outcome);
          if (e.httpStatus) bits.push('HTTP ' + e.httpStatus); if (e.ackCode) bits.push('ACK ' + e.ackCode); if (e.errorCode) bits.push(e.errorCode);
          if (e.durationMs !== null) bits.push(e.durationMs + ' ms'); if (e.actor) bits.push('by ' + e.actor); if (e.reason) bits.push('“' + e.reason + '”');
          if (e.relatedId) bits.push('(' + e.relatedId + ')');
          li.appendChild(el('span', bits.join(' · ')));
          ol.appendChild(li);
          if (e.hasResponse) {
            var box = el('div');
            box.appendChild(el('h3', fmt(e.at) + ' ' + (e.destinationId || '') + ' ' + (e.outcome || '')));
            var pre = el('pre', 'loading…', 'json');
            box.appendChild(pre);
            responses.appendChild(box);
            content('/api/messages/' + encodeURIComponent(id) + '/responses/' + encodeURIComponent(e.eventId), function (j) { pre.textContent = JSON.stringify(j, null, 2); }, pre, true);
          }
        });
        if (!responses.children.length) responses.appendChild(el('p', 'none', 'muted'));
        $('download').href = '/api/messages/' + encodeURIComponent(id) + '/content/message?download=1';
        var waits = [];
        waits.push(content('/api/messages/' + encodeURIComponent(id) + '/content/message', function (text) { renderHl7($('raw'), text); $('edit-raw').value = text.replace(/\\r/g, '\\n'); }, $('raw')));
        if (m.parts.indexOf('result') >= 0) waits.push(content('/api/messages/' + encodeURIComponent(id) + '/content/result', function (j) { $('fhir').textContent = JSON.stringify(j, null, 2); $('fhir-box').open = true; }, $('fhir'), true));
        else $('fhir').textContent = 'no FHIR result held';
        if (m.parts.indexOf('ack') >= 0) waits.push(content('/api/messages/' + encodeURIComponent(id) + '/content/ack', function (text) { renderHl7($('ack'), text); }, $('ack')));
        else $('ack').textContent = m.ackCode ? 'MSA-1 ' + m.ackCode + ' (the ACK itself is not kept)' : 'none';
        return Promise.all(waits);
      });
    });
  }

  function act(path, body) {
    return api(path, { method: 'POST', body: body }).then(function (r) {
      return r.json().then(function (j) {
        $('action-result').textContent = r.ok ? 'new message: ' : (j.error || ('HTTP ' + r.status));
        if (r.ok) { var a = el('a', j.newMessageId); a.href = '/queue/messages/' + encodeURIComponent(j.newMessageId); $('action-result').appendChild(a); }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (idMeta) {
      var id = idMeta.content;
      detail(id).then(function () { document.body.setAttribute('data-loaded', '1'); }, function (e) { showError(e.message); });
      $('reprocess').onclick = function () { act('/api/messages/' + encodeURIComponent(id) + '/reprocess', { reason: 'from the message browser' }); };
      $('dry-run').onclick = function () {
        $('dry-run-section').hidden = false;
        $('dry-run-out').textContent = 'running…';
        api('/api/messages/' + encodeURIComponent(id) + '/dry-run', { method: 'POST', body: {} }).then(function (r) {
          return r.json().then(function (j) {
            $('dry-run-out').textContent = r.ok ? j.text : (j.error || ('HTTP ' + r.status)) + (j.detail ? ': ' + j.detail : '');
            document.body.setAttribute('data-dry-run', r.ok ? 'done' : 'refused');
          });
        }).catch(function (e) { $('dry-run-out').textContent = e.message; document.body.setAttribute('data-dry-run', 'refused'); });
      };
      $('edit-send').onclick = function () {
        var reason = $('edit-reason').value.trim();
        if (!reason) { $('action-result').textContent = 'give a reason'; return; }
        act('/api/messages/' + encodeURIComponent(id) + '/resend', { raw: $('edit-raw').value, reason: reason });
      };
    } else {
      $('search').addEventListener('submit', function (ev) { ev.preventDefault(); search().catch(function (e) { showError(e.message); }); });
      search().catch(function (e) { showError(e.message); });
    }
  });
})();
`;
