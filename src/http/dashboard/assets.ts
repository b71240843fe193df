/**
 * The dashboard's stylesheet and script, kept as strings so they ship inside dist/ with no build
 * chain. The script builds every node with textContent (nothing from the server is parsed as
 * HTML), pages channels and failed jobs, never overlaps two refreshes, and polls replayed jobs
 * until they finish.
 */

export const APP_CSS = `
:root { --fg:#1d2430; --muted:#6b7685; --bg:#f6f7f9; --card:#fff; --line:#e1e5ea; --ok:#1f8a4c; --busy:#b7791f; --warn:#c53030; --accent:#2b6cb0; }
* { box-sizing: border-box; }
body { margin:0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
.bar { display:flex; justify-content:space-between; align-items:center; padding:10px 20px; background:#17202b; color:#fff; }
.bar h1 { margin:0; font-size:18px; }
.bar .muted { color:#aab4c0; }
.controls { display:flex; gap:12px; align-items:center; }
main { padding: 16px 20px 40px; max-width: 1400px; }
main.narrow { max-width: 420px; }
h2 { font-size:16px; margin:18px 0 8px; }
h3 { font-size:14px; margin:16px 0 6px; }
.muted { color:var(--muted); font-weight:normal; }
.row { display:flex; gap:12px; align-items:center; justify-content:space-between; }
.cards { display:grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap:10px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:10px 12px; }
.card .k { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
.card .v { font-size:22px; font-variant-numeric: tabular-nums; }
table.grid { width:100%; border-collapse:collapse; background:var(--card); border:1px solid var(--line); }
table.grid th, table.grid td { padding:6px 8px; border-bottom:1px solid var(--line); text-align:left; vertical-align:top; }
table.grid td.n { text-align:right; font-variant-numeric: tabular-nums; }
table.grid tr.selected { background:#ebf4ff; }
table.grid td.reason { max-width:480px; overflow-wrap:anywhere; }
tr.details > td { background:#fafbfc; }
table.grid.outcome { margin-top:4px; }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; color:#fff; background:var(--muted); vertical-align:middle; }
.badge.stopped { background:#b3261e; } .badge.paused { background:var(--warn); }
.badge.healthy { background:var(--ok); } .badge.busy { background:var(--busy); } .badge.warning { background:var(--warn); }
.badge.down, .badge.circuit-open, .badge.circuit-half-open { background:#d0021b; font-weight:600; } .badge.circuit-closed { background:var(--ok); }
.circuits .badge { margin:0 4px 2px 0; }
.sev-high, .sev-critical { color:var(--warn); font-weight:600; } .sev-medium { color:var(--busy); }
button { font:inherit; padding:3px 10px; border:1px solid var(--line); border-radius:4px; background:#fff; cursor:pointer; }
button:hover { border-color:var(--accent); }
button.danger { border-color:#e9b3b3; }
button:disabled { opacity:.6; cursor:default; }
.bar button, .bar select { background:#243140; color:#fff; border-color:#3a4a5c; }
.pager { display:flex; gap:8px; align-items:center; margin:6px 0; }
.error { color:var(--warn); }
pre { background:var(--card); border:1px solid var(--line); padding:10px; overflow:auto; max-height:420px; }
.replays li { margin:2px 0; }
form.inline { display:inline; }
form.login { display:flex; flex-direction:column; gap:8px; margin-top:40px; background:var(--card); padding:20px; border:1px solid var(--line); border-radius:6px; }
form.login input { padding:6px; font:inherit; }
input[type=search] { padding:4px 8px; font:inherit; min-width:220px; }
`;

export const APP_JS = String.raw`
(function () {
  'use strict';
  var CHANNEL_PAGE = 25, FAILED_PAGE = 50;
  var meta = function (n) { var m = document.querySelector('meta[name="' + n + '"]'); return m ? m.getAttribute('content') || '' : ''; };
  var csrf = meta('hig-csrf');
  var params = new URLSearchParams(location.search);
  var refreshS = Number(params.get('refresh') || meta('hig-refresh') || 30);
  var state = { channelOffset: 0, filter: '', selected: params.get('channel') || '', failedOffset: 0, busy: false, timer: 0, replays: {} };

  function $(id) { return document.getElementById(id); }
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'text') el.textContent = String(v);
      else if (k === 'onclick') el.addEventListener('click', v);
      else el.setAttribute(k, String(v));
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === undefined || c === null) continue;
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return el;
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
  function fmtInt(n) { return n === undefined || n === null ? '–' : Number(n).toLocaleString('en-US'); }
  function fmtPct(r) { return r === undefined || r === null ? '–' : (r * 100).toFixed(1) + ' %'; }
  function fmtMs(ms) {
    if (ms === undefined || ms === null) return '–';
    if (ms < 1000) return Math.round(ms) + ' ms';
    var s = ms / 1000;
    if (s < 120) return s.toFixed(1) + ' s';
    var m = s / 60;
    if (m < 120) return m.toFixed(1) + ' min';
    return (m / 60).toFixed(1) + ' h';
  }
  function fmtTime(t) { if (!t) return '–'; var d = new Date(t); return isNaN(d.getTime()) ? String(t) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'); }
  function badge(health) { return h('span', { 'class': 'badge ' + (health || ''), text: health || '–', 'data-health': health || '' }); }

  function api(method, url, body) {
    var init = { method: method, credentials: 'same-origin', headers: { accept: 'application/json' } };
    if (method !== 'GET') { init.headers['content-type'] = 'application/json'; init.headers['x-hig-csrf'] = csrf; init.body = JSON.stringify(body || {}); }
    return fetch(url, init).then(function (res) {
      if (res.status === 401) { location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search); throw new Error('session expired'); }
      return res.json().then(function (j) { if (!res.ok) throw new Error(j && j.error ? j.error : 'HTTP ' + res.status); return j; });
    });
  }
  function showError(e) { var p = $('error'); if (e) { p.textContent = String(e.message || e); p.hidden = false; } else { p.hidden = true; } }

  var TOTAL_KEYS = [['active', 'active'], ['waiting', 'waiting'], ['completed', 'completed'], ['failed', 'failed'], ['delayed', 'delayed']];
  function renderTotals(t) {
    var box = clear($('totals'));
    TOTAL_KEYS.forEach(function (k) { box.appendChild(h('div', { 'class': 'card' }, h('div', { 'class': 'k', text: k[1] }), h('div', { 'class': 'v', id: 'total-' + k[0], 'data-value': t[k[0]], text: fmtInt(t[k[0]]) }))); });
    box.appendChild(h('div', { 'class': 'card' }, h('div', { 'class': 'k', text: 'success rate (1 h)' }), h('div', { 'class': 'v', id: 'total-successRate', text: fmtPct(t.successRate) })));
    box.appendChild(h('div', { 'class': 'card' }, h('div', { 'class': 'k', text: 'mean processing' }), h('div', { 'class': 'v', id: 'total-meanProcessingMs', text: fmtMs(t.meanProcessingMs) })));
    box.appendChild(h('div', { 'class': 'card' }, h('div', { 'class': 'k', text: 'oldest waiting' }), h('div', { 'class': 'v', id: 'total-oldestWaitingMs', text: fmtMs(t.oldestWaitingMs) })));
    box.appendChild(h('div', { 'class': 'card', title: 'resends answered again but not processed again (same sender, control id and content)' }, h('div', { 'class': 'k', text: 'resends (not reprocessed)' }), h('div', { 'class': 'v', id: 'total-duplicates', 'data-value': t.duplicates || 0, text: fmtInt(t.duplicates || 0) })));
    box.appendChild(h('div', { 'class': 'card', title: 'same sender and control id as an earlier message, different content: processed as new or refused, and alerted' }, h('div', { 'class': 'k', text: 'id conflicts' }), h('div', { 'class': 'v', id: 'total-conflicts', 'data-value': t.conflicts || 0, text: fmtInt(t.conflicts || 0) })));
    var th = $('total-health'); th.textContent = t.health; th.className = 'badge ' + t.health; th.setAttribute('data-health', t.health);
  }

  function pager(el, offset, size, total, go) {
    clear(el);
    var pages = Math.max(1, Math.ceil(total / size)), page = Math.floor(offset / size) + 1;
    el.appendChild(h('button', { type: 'button', disabled: page <= 1, 'data-page': 'first', onclick: function () { go(0); } }, '« first'));
    el.appendChild(h('button', { type: 'button', disabled: page <= 1, 'data-page': 'prev', onclick: function () { go(Math.max(0, offset - size)); } }, '‹ prev'));
    el.appendChild(h('span', { 'class': 'muted', 'data-page-of': page + '/' + pages, text: 'page ' + page + ' of ' + fmtInt(pages) + ' (' + fmtInt(total) + ')' }));
    el.appendChild(h('button', { type: 'button', disabled: page >= pages, 'data-page': 'next', onclick: function () { go(offset + size); } }, 'next ›'));
    el.appendChild(h('button', { type: 'button', disabled: page >= pages, 'data-page': 'last', onclick: function () { go((pages - 1) * size); } }, 'last »'));
  }

  function channelRow(c) {
    var replayBtn = h('button', { type: 'button', 'class': 'danger', 'data-replay-channel': c.id, disabled: !c.failed }, 'Replay failed');
    replayBtn.addEventListener('click', function (ev) { ev.stopPropagation(); replayChannel(c.id, c.failed, replayBtn); });
    var tr = h('tr', { 'data-channel': c.id, 'class': c.id === state.selected ? 'selected' : '' },
      h('td', null, h('a', { href: '#', onclick: function (ev) { ev.preventDefault(); select(c.id); } }, c.id), c.description ? h('div', { 'class': 'muted', text: c.description }) : null),
      h('td', null, badge(c.health)),
      h('td', { 'data-k': 'lifecycle' }, lifecycleCell(c)),
      h('td', { 'data-k': 'destinations' }, circuitsCell(c)),
      h('td', { 'class': 'n', 'data-k': 'active', text: fmtInt(c.active) }),
      h('td', { 'class': 'n', 'data-k': 'waiting', text: fmtInt(c.waiting) }),
      h('td', { 'class': 'n', 'data-k': 'completed', text: fmtInt(c.completed) }),
      h('td', { 'class': 'n', 'data-k': 'failed', text: fmtInt(c.failed) }),
      h('td', { 'class': 'n', 'data-k': 'delayed', text: fmtInt(c.delayed) }),
      h('td', { 'class': 'n', 'data-k': 'duplicates', text: fmtInt(c.duplicates || 0) }),
      h('td', { 'class': 'n', text: fmtPct(c.successRate) }),
      h('td', { 'class': 'n', text: fmtMs(c.meanProcessingMs) }),
      h('td', { 'class': 'n', text: fmtMs(c.oldestWaitingMs) }),
      h('td', null, replayBtn));
    return tr;
  }

  /** Each destination's circuit (closed green; open or half-open red), with since when and the last error code. */
  function circuitsCell(c) {
    var ds = c.destinations;
    if (!ds) return null;
    var box = h('span', { 'class': 'circuits' });
    Object.keys(ds).forEach(function (id) {
      var d = ds[id];
      var tip = d.state + (d.since ? ' since ' + fmtTime(d.since) : '') + (d.lastError ? '; last error ' + d.lastError : '') + (d.nextProbeAt && d.state !== 'closed' ? '; next probe ' + fmtTime(d.nextProbeAt) : '');
      box.appendChild(h('span', { 'class': 'badge circuit-' + d.state, 'data-destination': id, 'data-circuit': d.state, title: tip,
        text: id + ': ' + d.state + (d.state !== 'closed' && d.lastError ? ' (' + d.lastError + ')' : '') }));
      // A fan-out destination's own queue pauses on its own (src/lifecycle): its deliveries held, the others go on.
      var own = c.lifecycle && c.lifecycle.destinations ? c.lifecycle.destinations[id] : undefined;
      if (own) {
        if (own === 'paused') box.appendChild(h('span', { 'class': 'badge paused', 'data-destination-paused': id, text: 'paused' }));
        var act = own === 'paused' ? 'resume' : 'pause';
        var btn = h('button', { type: 'button', 'data-destination-action': act, 'data-channel': c.id, 'data-destination-id': id }, act);
        btn.addEventListener('click', function (ev) { ev.stopPropagation(); channelAction(c.id, 'destinations/' + encodeURIComponent(id) + '/' + act, btn); });
        box.appendChild(btn);
      }
    });
    return box;
  }

  /** Channel lifecycle (src/lifecycle): a badge per switch that is off, and the buttons that flip them. */
  function lifecycleCell(c) {
    var l = c.lifecycle;
    if (!l) return null;
    var box = h('span', { 'class': 'lifecycle', 'data-source': l.source, 'data-processing': l.processing });
    box.appendChild(h('span', { 'class': 'badge ' + (l.source === 'running' ? 'healthy' : 'stopped'), 'data-lifecycle-badge': 'source', text: l.source }));
    if (l.processing === 'paused') box.appendChild(h('span', { 'class': 'badge paused', 'data-lifecycle-badge': 'processing', text: 'paused' }));
    var actions = l.source === 'undeployed'
      ? [['deploy']]
      : [[l.source === 'stopped' ? 'start' : 'stop'], [l.processing === 'paused' ? 'resume' : 'pause'], ['undeploy']];
    actions.forEach(function (a) {
      var btn = h('button', { type: 'button', 'data-channel-action': a[0], 'data-channel': c.id }, a[0]);
      btn.addEventListener('click', function (ev) { ev.stopPropagation(); channelAction(c.id, a[0], btn); });
      box.appendChild(btn);
    });
    return box;
  }

  function channelAction(id, action, btn) {
    btn.disabled = true;
    api('POST', '/api/channels/' + encodeURIComponent(id) + '/' + action).then(function () { showError(null); refresh(); })
      .catch(function (e) { btn.disabled = false; showError(e); });
  }

  function renderConfigErrors(config) {
    var box = clear($('config-errors'));
    var errors = config && config.errors ? config.errors : [];
    box.hidden = !errors.length;
    if (!errors.length) return;
    box.appendChild(h('strong', { text: 'Channel files refused (the running version stays): ' }));
    errors.forEach(function (e) { box.appendChild(h('div', { 'data-config-error': '', text: e.error })); });
  }

  function alertRow(a, withChannel) {
    var cells = [h('td', { text: fmtTime(a.createdAt) })];
    if (withChannel) cells.push(h('td', { text: a.channelId }));
    cells.push(h('td', { 'class': 'sev-' + a.severity, text: a.severity }), h('td', { text: a.alertType }), h('td', { text: a.title }));
    if (!withChannel) cells.push(h('td', { 'class': 'reason', text: a.description }));
    var stateCell = h('td', { text: a.isResolved ? 'resolved' : a.acknowledgedBy ? 'acknowledged (' + a.acknowledgedBy + ') ' : 'open ' });
    if (!a.isResolved) {
      if (!a.acknowledgedBy) stateCell.appendChild(alertBtn(a.id, 'ack', 'Acknowledge'));
      stateCell.appendChild(alertBtn(a.id, 'resolve', 'Resolve'));
    }
    cells.push(stateCell);
    var tr = h('tr', { 'data-alert': a.id });
    cells.forEach(function (c) { tr.appendChild(c); });
    return tr;
  }

  function alertBtn(id, action, label) {
    var b = h('button', { type: 'button', 'data-alert-action': action }, label);
    b.addEventListener('click', function (ev) {
      ev.stopPropagation();
      b.disabled = true;
      api('POST', '/api/alerts/' + encodeURIComponent(id) + '/' + action).then(function () { showError(null); return refresh(); }, function (e) { b.disabled = false; showError(e); });
    });
    return b;
  }

  function renderAlerts(tbody, alerts, withChannel, cols) {
    clear(tbody);
    if (alerts === null) { tbody.appendChild(h('tr', null, h('td', { colspan: cols, 'class': 'muted', text: 'alerts are not configured' }))); return; }
    if (!alerts.length) { tbody.appendChild(h('tr', null, h('td', { colspan: cols, 'class': 'muted', text: 'no alerts' }))); return; }
    alerts.forEach(function (a) { tbody.appendChild(alertRow(a, withChannel)); });
  }

  function renderInstances(list) {
    var tbody = clear($('instances').tBodies[0]);
    if (!list) { tbody.appendChild(h('tr', null, h('td', { colspan: 7, 'class': 'muted', text: 'not known' }))); return; }
    list.forEach(function (i) {
      var chans = i.channels.map(function (c) { return c.id + (c.port ? ':' + c.port : '') + (c.up ? '' : ' (down)'); }).join(', ');
      var runs = [i.roles.intake ? 'intake' : '', i.roles.workers ? 'workers' : ''].filter(Boolean).join(' + ');
      tbody.appendChild(h('tr', { 'data-instance': i.id },
        h('td', { text: i.id + (i.self ? ' (this one)' : '') }), h('td', { text: i.version }), h('td', { 'class': 'n', text: fmtMs(i.uptimeSeconds * 1000) }),
        h('td', { text: runs }), h('td', { 'class': 'n', text: i.httpPort === undefined ? '' : String(i.httpPort) }), h('td', { text: chans }), h('td', { text: i.lastSeenAt })));
    });
  }

  function loadOverview() {
    var q = '/api/dashboard?offset=' + state.channelOffset + '&limit=' + CHANNEL_PAGE + (state.filter ? '&q=' + encodeURIComponent(state.filter) : '');
    return api('GET', q).then(function (d) {
      if (!d.channels.items.length && state.channelOffset > 0 && d.channels.total > 0) { state.channelOffset = Math.floor((d.channels.total - 1) / CHANNEL_PAGE) * CHANNEL_PAGE; return loadOverview(); }
      renderTotals(d.totals);
      renderConfigErrors(d.config);
      var tbody = clear($('channels').tBodies[0]);
      d.channels.items.forEach(function (c) { tbody.appendChild(channelRow(c)); });
      if (!d.channels.items.length) tbody.appendChild(h('tr', null, h('td', { colspan: 14, 'class': 'muted', text: 'no channels' })));
      pager($('channel-pager'), d.channels.offset, CHANNEL_PAGE, d.channels.total, function (o) { state.channelOffset = o; refresh(); });
      renderAlerts($('recent-alerts').tBodies[0], d.recentAlerts, true, 6);
      renderInstances(d.instances);
      if (!state.selected && d.channels.items.length) state.selected = d.channels.items[0].id;
    });
  }

  function failedRow(channelId, j) {
    var btn = h('button', { type: 'button', 'data-replay-job': j.id }, 'Replay');
    btn.addEventListener('click', function () { replayJob(channelId, j, btn); });
    var more = h('button', { type: 'button', 'data-details-job': j.id }, 'Details');
    var tr = h('tr', { 'data-job': j.id },
      h('td', { text: fmtTime(j.failedAt) }),
      h('td', { text: j.eventType || '–' }),
      h('td', { text: j.controlId || '–' }),
      h('td', { 'class': 'reason', text: j.failedReason }),
      h('td', { 'class': 'n', text: String(j.attempts) }),
      h('td', { 'class': 'muted', text: j.messageId }),
      h('td', null, more, ' ', btn));
    more.addEventListener('click', function () { toggleDetails(tr, j.id); });
    return tr;
  }

  // The job's status, with what the destination answered when it refused the result (issue codes and
  // diagnostics, opened by the server for this admin session; text nodes only).
  function toggleDetails(tr, id) {
    var open = tr.nextSibling && tr.nextSibling.getAttribute && tr.nextSibling.getAttribute('data-details') === id ? tr.nextSibling : null;
    if (open) { open.parentNode.removeChild(open); return; }
    var box = h('td', { colspan: 7 }, h('span', { 'class': 'muted', text: 'loading…' }));
    var row = h('tr', { 'data-details': id, 'class': 'details' }, box);
    tr.parentNode.insertBefore(row, tr.nextSibling);
    api('GET', '/api/messages/' + encodeURIComponent(id)).then(function (s) {
      clear(box);
      var facts = 'status ' + s.status + ' · attempts ' + s.attempts + (s.resends ? ' · resends answered ' + s.resends : '') + (s.conflictOf ? ' · reused the id of ' + s.conflictOf : '');
      box.appendChild(h('div', { 'class': 'muted', text: facts }));
      if (!s.outcome) { box.appendChild(h('div', { 'class': 'muted', text: 'no answer from the destination kept with this job' })); return; }
      if (s.outcome.unreadable) { box.appendChild(h('div', { 'class': 'error', text: 'destination answer kept sealed: ' + s.outcome.unreadable })); return; }
      var table = h('table', { 'class': 'grid outcome' }, h('thead', null, h('tr', null, h('th', { text: 'entry' }), h('th', { text: 'status' }), h('th', { text: 'severity' }), h('th', { text: 'code' }), h('th', { text: 'diagnostics' }), h('th', { text: 'where' }))));
      var body = h('tbody');
      s.outcome.issues.forEach(function (i) {
        body.appendChild(h('tr', { 'data-issue-code': i.code || '' },
          h('td', { text: i.entry === undefined ? '–' : String(i.entry) }), h('td', { text: i.status || '–' }), h('td', { text: i.severity || '–' }),
          h('td', { text: i.code || '–' }), h('td', { 'class': 'reason', text: [i.diagnostics, i.details].filter(Boolean).join(' — ') || '–' }), h('td', { text: (i.expression || []).join(', ') || '–' })));
      });
      table.appendChild(body);
      box.appendChild(h('div', { text: 'What the destination answered:' }));
      box.appendChild(table);
    }).catch(function (e) { clear(box); box.appendChild(h('span', { 'class': 'error', text: String(e.message || e) })); });
  }

  function loadDetail() {
    var id = state.selected;
    if (!id) { $('detail').hidden = true; return Promise.resolve(); }
    var base = '/api/channels/' + encodeURIComponent(id);
    return Promise.all([api('GET', base + '/overview'), api('GET', base + '/failed?limit=' + FAILED_PAGE + '&offset=' + state.failedOffset)]).then(function (r) {
      var o = r[0], f = r[1];
      if (id !== state.selected) return;
      $('detail').hidden = false;
      $('detail-id').textContent = id;
      var dh = $('detail-health'); dh.textContent = o.stats.health; dh.className = 'badge ' + o.stats.health;
      $('detail-description').textContent = o.description || '';
      $('detail-dedupe').textContent = 'resends answered, not processed again: ' + fmtInt(o.stats.duplicates || 0) + ' · same id with different content: ' + fmtInt(o.stats.conflicts || 0);
      var total = typeof f.total === 'number' ? f.total : o.stats.failed;
      if (!f.jobs.length && state.failedOffset > 0 && total > 0) { state.failedOffset = Math.floor((total - 1) / FAILED_PAGE) * FAILED_PAGE; return loadDetail(); }
      $('failed-count').textContent = '(' + fmtInt(total) + ')';
      // Details the analyst opened survive the rebuild (every refresh, 30 s by default, replaced the
      // rows and closed them; a refresh racing a click closed them at once): read at rebuild time,
      // reopened on the new rows.
      var tbody = $('failed').tBodies[0];
      var opened = Array.prototype.map.call(tbody.querySelectorAll('tr[data-details]'), function (r) { return r.getAttribute('data-details'); });
      clear(tbody);
      f.jobs.forEach(function (j) {
        var tr = failedRow(id, j);
        tbody.appendChild(tr);
        if (opened.indexOf(j.id) >= 0) toggleDetails(tr, j.id);
      });
      if (!f.jobs.length) tbody.appendChild(h('tr', null, h('td', { colspan: 7, 'class': 'muted', text: 'no failed jobs' })));
      pager($('failed-pager'), state.failedOffset, FAILED_PAGE, total, function (off) { state.failedOffset = off; refresh(); });
      var rc = $('replay-channel'); rc.disabled = !total; rc.setAttribute('data-channel', id); rc.setAttribute('data-count', String(total)); rc.textContent = 'Replay all failed (' + fmtInt(total) + ')'; rc.removeAttribute('data-armed');
      renderAlerts($('alerts').tBodies[0], o.alerts, false, 6);
      $('config').textContent = JSON.stringify(o.config, null, 2);
      Array.prototype.forEach.call($('channels').tBodies[0].rows, function (tr) { tr.className = tr.getAttribute('data-channel') === id ? 'selected' : ''; });
    });
  }

  function renderReplays() {
    var ul = clear($('replays'));
    var ids = Object.keys(state.replays);
    if (!ids.length) { ul.appendChild(h('li', { 'class': 'muted', text: 'none in this session' })); return; }
    ids.forEach(function (id) {
      var r = state.replays[id];
      ul.appendChild(h('li', null, (r.controlId ? r.controlId + ' ' : '') + '(' + id + '): ', h('strong', { 'data-replay': id, 'data-status': r.status, text: r.status })));
    });
  }

  function track(id) {
    var r = state.replays[id];
    if (!r || r.status === 'completed' || r.status === 'failed' || r.polls > 600) return;
    r.polls++;
    api('GET', '/api/messages/' + encodeURIComponent(id)).then(function (s) {
      r.status = s.status;
      renderReplays();
      if (s.status === 'completed' || s.status === 'failed') refresh(); else setTimeout(function () { track(id); }, 1000);
    }).catch(function () { setTimeout(function () { track(id); }, 2000); });
  }

  function replayJob(channelId, j, btn) {
    btn.disabled = true; btn.textContent = 'replaying…';
    api('POST', '/api/channels/' + encodeURIComponent(channelId) + '/failed/' + encodeURIComponent(j.id) + '/retry').then(function () {
      state.replays[j.id] = { status: 'waiting', controlId: j.controlId, polls: 0 };
      btn.textContent = 'replayed';
      renderReplays();
      track(j.id);
    }).catch(function (e) { btn.disabled = false; btn.textContent = 'Replay'; showError(e); });
  }

  function replayChannel(channelId, count, btn) {
    if (btn.getAttribute('data-armed') !== 'yes') {
      btn.setAttribute('data-armed', 'yes');
      btn.textContent = 'Confirm: replay ' + fmtInt(count) + ' job(s) of ' + channelId;
      setTimeout(function () { if (btn.getAttribute('data-armed') === 'yes') { btn.removeAttribute('data-armed'); btn.textContent = 'Replay failed'; } }, 8000);
      return;
    }
    btn.removeAttribute('data-armed'); btn.disabled = true; btn.textContent = 'replaying…';
    api('POST', '/api/channels/' + encodeURIComponent(channelId) + '/failed/replay', { all: true }).then(function (r) {
      btn.textContent = 'replayed ' + r.replayed.length;
      r.replayed.slice(0, 20).forEach(function (id) { state.replays[id] = { status: 'waiting', polls: 0 }; track(id); });
      renderReplays();
      refresh();
    }).catch(function (e) { btn.disabled = false; btn.textContent = 'Replay failed'; showError(e); });
  }

  function select(id) { state.selected = id; state.failedOffset = 0; refresh(); }

  function refresh() {
    if (state.busy) { state.again = true; return; }
    state.busy = true;
    clearTimeout(state.timer);
    loadOverview().then(loadDetail).then(function () {
      showError(null);
      $('updated').textContent = 'updated ' + new Date().toLocaleTimeString('en-GB');
      document.body.setAttribute('data-loaded', String(Number(document.body.getAttribute('data-loaded') || 0) + 1));
    }).catch(showError).then(function () {
      state.busy = false;
      if (state.again) { state.again = false; refresh(); return; }
      if (refreshS > 0) state.timer = setTimeout(refresh, refreshS * 1000);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var sel = $('refresh-every');
    if (!Array.prototype.some.call(sel.options, function (o) { return Number(o.value) === refreshS; })) sel.appendChild(h('option', { value: refreshS, text: refreshS + ' s' }));
    sel.value = String(refreshS);
    sel.addEventListener('change', function () { refreshS = Number(sel.value); clearTimeout(state.timer); if (refreshS > 0 && !state.busy) state.timer = setTimeout(refresh, refreshS * 1000); });
    $('refresh-now').addEventListener('click', refresh);
    $('replay-channel').addEventListener('click', function () { var b = $('replay-channel'); replayChannel(b.getAttribute('data-channel'), Number(b.getAttribute('data-count') || 0), b); });
    var ft; $('channel-filter').addEventListener('input', function (e) { clearTimeout(ft); ft = setTimeout(function () { state.filter = e.target.value.trim(); state.channelOffset = 0; refresh(); }, 250); });
    renderReplays();
    refresh();
  });
})();
`;
