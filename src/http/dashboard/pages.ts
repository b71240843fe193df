/**
 * The dashboard's HTML: a small shell filled by /queue/app.js from the admin JSON API, and the
 * login form. No inline script or style, so the CSP can say script-src 'self'.
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Security headers for every dashboard response. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" on the page's own form posts.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
};

export interface ShellOptions {
  refreshSeconds: number;
  /** CSRF value for cookie sessions (empty when bearer/open) */
  csrf: string;
  /** show the log-out button */
  session: boolean;
}

export function dashboardHtml(o: ShellOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="hig-refresh" content="${o.refreshSeconds}">
<meta name="hig-csrf" content="${escapeHtml(o.csrf)}">
<title>hig · queue monitor</title>
<link rel="stylesheet" href="/queue/app.css">
<script src="/queue/app.js" defer></script>
</head>
<body>
<header class="bar">
  <h1>hig <span class="muted">queue monitor</span></h1>
  <div class="controls">
    <span id="updated" class="muted">loading…</span>
    <label>auto-refresh
      <select id="refresh-every">
        <option value="0">off</option><option value="5">5 s</option><option value="10">10 s</option><option value="30">30 s</option><option value="60">60 s</option><option value="300">5 min</option>
      </select>
    </label>
    <button id="refresh-now" type="button">Refresh</button>
    ${o.session ? `<form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="${escapeHtml(o.csrf)}"><button type="submit">Log out</button></form>` : ''}
  </div>
</header>
<main>
  <p id="error" class="error" hidden></p>
  <div id="config-errors" class="error" role="alert" hidden></div>
  <section>
    <h2>All channels <span id="total-health" class="badge">…</span></h2>
    <div class="cards" id="totals"></div>
  </section>
  <section>
    <div class="row">
      <h2>Channels</h2>
      <input id="channel-filter" type="search" placeholder="filter channels" aria-label="filter channels">
    </div>
    <table class="grid" id="channels">
      <thead><tr><th>channel</th><th>health</th><th title="source running or stopped; processing running or paused">state</th><th title="each destination's circuit: closed (deliveries flow), open or half-open (deliveries held, no attempts used)">destinations</th><th>active</th><th>waiting</th><th>completed</th><th>failed</th><th>delayed</th><th title="resends answered again, not processed again">resends</th><th>success</th><th>mean</th><th>oldest waiting</th><th></th></tr></thead>
      <tbody></tbody>
    </table>
    <div class="pager" id="channel-pager"></div>
  </section>
  <section id="instances-section">
    <h2>Instances</h2>
    <table class="grid" id="instances"><thead><tr><th>instance</th><th>version</th><th>up</th><th>runs</th><th>HTTP port</th><th>channels</th><th>last seen</th></tr></thead><tbody></tbody></table>
  </section>
  <section id="recent-alerts-section">
    <h2>Recent alerts</h2>
    <table class="grid" id="recent-alerts"><thead><tr><th>time</th><th>channel</th><th>severity</th><th>type</th><th>title</th><th>state</th></tr></thead><tbody></tbody></table>
  </section>
  <section id="detail" hidden>
    <div class="row">
      <h2>Channel <span id="detail-id"></span> <span id="detail-health" class="badge"></span></h2>
      <button id="replay-channel" type="button" class="danger">Replay all failed</button>
    </div>
    <p id="detail-description" class="muted"></p>
    <p id="detail-dedupe" class="muted"></p>
    <h3>Failed jobs <span id="failed-count" class="muted"></span></h3>
    <table class="grid" id="failed">
      <thead><tr><th>failed at</th><th>event</th><th>control id</th><th>reason</th><th>attempts</th><th>message id</th><th></th></tr></thead>
      <tbody></tbody>
    </table>
    <div class="pager" id="failed-pager"></div>
    <h3>Replays</h3>
    <ul id="replays" class="replays"></ul>
    <h3>Alerts</h3>
    <table class="grid" id="alerts"><thead><tr><th>time</th><th>severity</th><th>type</th><th>title</th><th>description</th><th>state</th></tr></thead><tbody></tbody></table>
    <h3>Configuration <span class="muted">(secrets masked)</span></h3>
    <pre id="config"></pre>
  </section>
</main>
</body>
</html>
`;
}

/** A refusal that no login fixes (wrong Host, too many attempts): the reason, nothing else. */
export function refusedHtml(error: string): string {
  return shell('hig · refused', `<p class="error" role="alert">${escapeHtml(error)}</p>`);
}

function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/queue/app.css">
</head>
<body>
<header class="bar"><h1>hig <span class="muted">queue monitor</span></h1></header>
<main class="narrow">
${body}
</main>
</body>
</html>
`;
}

export function loginHtml(o: { error?: string; next?: string; disabled?: boolean }): string {
  const next = o.next && /^\/[A-Za-z0-9/_?=&.-]*$/.test(o.next) && !o.next.startsWith('//') ? o.next : '/queue';
  const body = o.disabled
    ? '<p class="error">The admin dashboard is disabled: this server listens on a non-loopback address and HIG_ADMIN_TOKEN is not set.</p>'
    : `<form method="post" action="/login" class="login" id="token-login">
  <label for="token">Admin token</label>
  <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
  <input type="hidden" name="next" value="${escapeHtml(next)}">
  <button type="submit">Log in</button>
  ${o.error ? `<p class="error" role="alert">${escapeHtml(o.error)}</p>` : ''}
</form>
<form method="post" action="/login" class="login" id="operator-login">
  <label for="name">or as a named operator</label>
  <input id="name" name="name" autocomplete="username" placeholder="name" required>
  <input id="password" name="password" type="password" autocomplete="current-password" placeholder="password" required>
  <input type="hidden" name="next" value="${escapeHtml(next)}">
  <button type="submit">Log in</button>
</form>`;
  return shell('hig · log in', body);
}
