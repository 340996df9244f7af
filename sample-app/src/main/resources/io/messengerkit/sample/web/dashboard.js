// MessengerKit sample admin page: the operations view of the signed-in chatbot.
// Reads GET api/dashboard/ with the page's API client (app.js exposes it as window.MessengerKitAdmin) and draws
// it with uPlot (uplot.js, MIT, see uplot-LICENSE). Every chart has a data table beside it for screen readers
// and keyboard users; data is written with textContent only (page names come from strangers) and uPlot draws
// labels on a canvas.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const admin = () => window.MessengerKitAdmin;
  const COLORS = { inbound: '#0866ff', outbound: '#1e7a34', failed: '#b3261e', latency: '#5b3cc4', headroom: '#1e7a34', muted: '#5b6168', grid: '#e4e7eb' };
  const view = { active: false, charts: [], timer: null };

  // The page's DOM builder (app.js): attributes set one by one, children appended as text unless they are nodes.
  const el = (...args) => admin().el(...args);

  const number = (n) => Number(n || 0).toLocaleString('en');
  const millis = (ms) => ms === null || ms === undefined ? '–' : ms < 1000 ? Math.round(ms) + ' ms' : (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
  const shortDay = (iso) => iso.slice(5);
  const clip = (text, max) => text.length > max ? text.slice(0, max - 1) + '…' : text;
  const when = (iso) => iso ? new Date(iso).toLocaleString() : '';

  // ---- loading --------------------------------------------------------------------------------

  async function load() {
    const api = admin();
    if (!api || !api.chatbot()) return;
    const days = Number($('ops-days').value) || 14;
    const status = $('ops-status');
    status.textContent = 'Loading…';
    try {
      const data = await api.call('GET', 'api/dashboard/', { query: { chatbot_id: api.chatbot(), days: days } });
      if (!view.active) return;
      render(data);
      status.textContent = 'Updated ' + new Date(data.generated_at).toLocaleTimeString() + '.';
    } catch (e) {
      status.textContent = 'Could not load the operations view.';
      api.showError(e);
    }
  }

  // Sign-in, account changes and new messages all ask for a reload; one request answers a burst of them.
  function reloadSoon() {
    clearTimeout(view.timer);
    view.timer = setTimeout(load, 250);
  }

  // ---- rendering ------------------------------------------------------------------------------

  function render(d) {
    $('ops').hidden = false;
    renderVersion(d.graph_api_version);
    renderSummary(d);
    destroyCharts();
    renderTraffic(d.messages_per_day);
    renderLatency(d.reply_latency);
    renderFailures(d.failures_by_code);
    renderHeadroom(d.pages, d.app_usage);
    renderHealth(d.account, d.pages);
  }

  function renderVersion(v) {
    const box = $('ops-version');
    box.textContent = v.message;
    box.className = 'ops-version ' + (v.level === 'expired' ? 'bad' : v.level === 'expiring' ? 'warn' : 'muted');
    box.dataset.level = v.level;
  }

  function renderSummary(d) {
    const t = d.totals;
    const l = d.reply_latency;
    $('ops-range').textContent = d.range.from + ' to ' + d.range.to + ' (UTC)';
    $('ops-inbound').textContent = number(t.inbound);
    $('ops-outbound').textContent = number(t.outbound);
    $('ops-failed').textContent = number(t.failed);
    $('ops-p50').textContent = millis(l.p50_ms);
    $('ops-p90').textContent = millis(l.p90_ms);
    $('ops-p99').textContent = millis(l.p99_ms);
    $('ops-failed').closest('.tile').classList.toggle('alert', t.failed > 0);
  }

  function renderTraffic(days) {
    fillTable('ops-traffic-table', days.map((d) => [d.day, number(d.inbound), number(d.outbound), number(d.failed)]));
    const total = days.reduce((n, d) => n + d.inbound, 0);
    $('ops-traffic-caption').textContent = total === 0 ? 'No messages in this range.'
      : number(total) + ' messages in, ' + number(days.reduce((n, d) => n + d.outbound, 0)) + ' replies out, '
        + number(days.reduce((n, d) => n + d.failed, 0)) + ' failed.';
    chart('ops-traffic-chart', days.map((d) => shortDay(d.day)), [
      { label: 'In', values: days.map((d) => d.inbound), color: COLORS.inbound, bar: -1 },
      { label: 'Out', values: days.map((d) => d.outbound), color: COLORS.outbound, bar: 1 },
      { label: 'Failed', values: days.map((d) => d.failed), color: COLORS.failed },
    ], { integer: true });
  }

  function renderLatency(l) {
    const rows = [['p50', l.p50_ms], ['p90', l.p90_ms], ['p99', l.p99_ms]];
    fillTable('ops-latency-table', l.samples ? rows.map(([p, ms]) => [p, millis(ms)]) : []);
    $('ops-latency-caption').textContent = l.samples
      ? 'Time from the message to the accepted reply, over ' + number(l.samples) + ' answered messages.'
      : 'No answered messages in this range.';
    if (l.samples) {
      chart('ops-latency-chart', rows.map((r) => r[0]), [{ label: 'Latency', values: rows.map((r) => r[1]), color: COLORS.latency, bar: 0 }],
        { format: millis });
    }
  }

  function renderFailures(failures) {
    fillTable('ops-failures-table', failures.map((f) => [f.code === null ? 'none' : String(f.code), f.meaning, number(f.count)]));
    $('ops-failures-caption').textContent = failures.length === 0 ? 'No failed sends in this range.'
      : failures.map((f) => (f.code === null ? 'no code' : 'code ' + f.code) + ': ' + f.count).join(', ') + '.';
    if (failures.length) {
      chart('ops-failures-chart', failures.map((f) => f.code === null ? 'none' : String(f.code)),
        [{ label: 'Failures', values: failures.map((f) => f.count), color: COLORS.failed, bar: 0 }], { integer: true });
    }
  }

  function renderHeadroom(pages, app) {
    fillTable('ops-headroom-table', pages.map((p) => p.rate_limit
      ? [p.name || p.page_id, p.rate_limit.used_percent + ' %', p.rate_limit.headroom_percent + ' %', when(p.rate_limit.seen_at)]
      : [p.name || p.page_id, '–', '–', 'no call reported usage yet']));
    const measured = pages.filter((p) => p.rate_limit);
    $('ops-headroom-caption').textContent = pages.length === 0 ? 'No linked pages.'
      : measured.length === 0 ? 'Meta has not reported usage for these pages since this server started.'
        : measured.map((p) => (p.name || p.page_id) + ': ' + p.rate_limit.headroom_percent + ' % free').join(', ') + '.';
    $('ops-app-usage').textContent = app ? 'App-wide usage (X-App-Usage): ' + app.used_percent + ' % used, '
      + app.headroom_percent + ' % free.' : '';
    if (measured.length) {
      chart('ops-headroom-chart', measured.map((p) => clip(p.name || p.page_id, 14)),
        [{ label: 'Headroom', values: measured.map((p) => p.rate_limit.headroom_percent), color: COLORS.headroom, bar: 0 }],
        { max: 100, format: (v) => v + ' %' });
    }
  }

  const STATE_LABELS = {
    ok: ['OK', 'ok'], reconnect_needed: ['Reconnect needed', 'bad'], token_expiring: ['Login expires soon', 'warn'],
    unsubscribed: ['Unsubscribed', 'bad'], lost_access: ['Access lost', 'warn'], unverified: ['Not checked recently', 'warn'],
  };
  const SUBSCRIPTION_LABELS = { active: 'Subscribed', unsubscribed: 'Not subscribed', lost_access: 'No role on the page', reconnect_needed: 'Unknown: token rejected' };
  const TOKEN_LABELS = { valid: 'Valid', expired: 'Expired', reconnect_needed: 'Rejected by Meta', missing: 'Missing' };

  function renderHealth(account, pages) {
    const rows = [];
    if (account) {
      const token = account.state === 'reconnect_needed' ? TOKEN_LABELS.reconnect_needed : TOKEN_LABELS.valid;
      rows.push(healthRow('account', account.facebook_user_name || 'Facebook login', 'Facebook account', '–',
        token + (account.token_expires_at ? ', expires ' + when(account.token_expires_at) : ''), account, null));
    }
    pages.forEach((p) => rows.push(healthRow(p.page_id, p.name || p.page_id, 'Page ' + p.page_id,
      SUBSCRIPTION_LABELS[p.status] || p.status, TOKEN_LABELS[p.token_status] || p.token_status, p, p)));
    $('ops-health-table').querySelector('tbody').replaceChildren(...rows);
    $('ops-health-empty').hidden = rows.length > 0;
  }

  function healthRow(id, name, sub, subscription, token, item, page) {
    const [label, cls] = STATE_LABELS[item.state] || [item.state, ''];
    const action = item.action
      ? el('button', { type: 'button', class: item.state === 'ok' ? '' : 'primary', 'data-action': item.action.code,
        'aria-label': item.action.label + ': ' + name, onclick: (e) => act(e.currentTarget, item.action, page) }, item.action.label)
      : el('span', { class: 'muted small' }, 'Nothing to do');
    // Explicit roles: on a phone the rows are laid out as cards, and the roles keep them a table for screen readers.
    return el('tr', { role: 'row', 'data-item': id, 'data-state': item.state },
      el('th', { scope: 'row', role: 'rowheader' }, el('div', {}, name), el('div', { class: 'muted small mono' }, sub)),
      el('td', { role: 'cell', 'data-label': 'State' }, el('div', {}, el('span', { class: 'badge ' + cls }, label), el('div', { class: 'small muted' }, item.detail))),
      el('td', { role: 'cell', 'data-label': 'Fix' }, action),
      el('td', { role: 'cell', 'data-label': 'Subscription' }, subscription),
      el('td', { role: 'cell', 'data-label': 'Token' }, token));
  }

  async function act(button, action, page) {
    const api = admin();
    const chatbot = api.chatbot();
    if (action.code === 'reconnect') {
      await api.connectFacebook(button);
    } else {
      button.disabled = true;
      try {
        if (action.code === 'resubscribe') await api.call('POST', action.path, { body: { chatbot_id: chatbot, page_ids: [page.page_id] } });
        else if (action.method === 'GET') await api.call('GET', action.path, { query: { chatbot_id: chatbot } });
        else await api.call('POST', action.path, { body: { chatbot_id: chatbot } });
        api.notice(action.label + ' done' + (page ? ' for ' + (page.name || page.page_id) : '') + '.');
        await api.reloadAccount();
      } catch (e) {
        api.showError(e);
      } finally {
        button.disabled = false;
      }
    }
    await load();
  }

  function fillTable(id, rows) {
    const table = $(id);
    table.querySelector('tbody').replaceChildren(...rows.map((cells) =>
      el('tr', {}, cells.map((c, i) => i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)))));
    table.closest('figure').classList.toggle('empty', rows.length === 0);
  }

  // ---- charts ---------------------------------------------------------------------------------

  function destroyCharts() {
    view.charts.forEach(({ plot, observer }) => { observer.disconnect(); plot.destroy(); });
    view.charts = [];
    document.querySelectorAll('#ops .chart').forEach((c) => c.replaceChildren());
  }

  // Categories along x (days, percentiles, codes, pages), labelled back from the last one (today) as far as the
  // width allows; bars for series with `bar` (-1/1 pair them left/right of the tick, 0 centres one), a line otherwise.
  function chart(id, labels, series, { integer = false, max = null, format = null } = {}) {
    const host = $(id);
    if (!window.uPlot || host.clientWidth === 0) return;
    const xs = labels.map((_, i) => i);
    const bars = series.filter((s) => s.bar !== undefined).length;
    const fmt = format || ((v) => integer ? number(v) : String(v));
    const everyNth = () => Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor(host.clientWidth / 56))));
    const opts = {
      width: host.clientWidth,
      height: 190,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false },
      padding: [10, 8, 0, 0],
      scales: {
        x: { time: false, range: () => [-0.5, labels.length - 0.5] },
        y: { range: (u, lo, hi) => [0, max !== null ? max : Math.max(integer ? 4 : 1, hi * 1.15)] },
      },
      axes: [
        { stroke: COLORS.muted, grid: { show: false }, ticks: { show: false }, size: 28,
          splits: () => xs.filter((i) => (xs.length - 1 - i) % everyNth() === 0), values: (u, splits) => splits.map((i) => labels[i] || '') },
        { stroke: COLORS.muted, grid: { stroke: COLORS.grid }, ticks: { show: false }, size: 58,
          splits: integer ? (u, ax, lo, hi) => integerSplits(hi) : undefined,
          values: (u, splits) => splits.map(fmt) },
      ],
      series: [{}].concat(series.map((s) => s.bar !== undefined ? {
        label: s.label, fill: s.color, stroke: s.color, width: 0, points: { show: false },
        paths: uPlot.paths.bars({ size: [bars > 1 ? 0.32 : 0.6, 72], align: s.bar }),
      } : {
        // A line, with a point only where the value is not zero: a row of dots along the axis says nothing.
        label: s.label, stroke: s.color, width: 2,
        points: { show: true, size: 7, fill: s.color, filter: () => s.values.flatMap((v, i) => v ? [i] : []) },
      })),
    };
    const plot = new uPlot(opts, [xs].concat(series.map((s) => s.values)), host);
    const observer = new ResizeObserver(() => {
      if (host.clientWidth > 0 && host.clientWidth !== plot.width) plot.setSize({ width: host.clientWidth, height: 190 });
    });
    observer.observe(host);
    view.charts.push({ plot, observer });
  }

  function integerSplits(hi) {
    const step = Math.max(1, Math.ceil(hi / 4));
    const out = [];
    for (let v = 0; v <= hi; v += step) out.push(v);
    return out;
  }

  // ---- start ----------------------------------------------------------------------------------

  function hide() {
    view.active = false;
    clearTimeout(view.timer);
    destroyCharts();
    $('ops').hidden = true;
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('ops-days').addEventListener('change', load);
    $('ops-reload').addEventListener('click', load);
    document.addEventListener('messengerkit:signed-in', () => { view.active = true; reloadSoon(); });
    document.addEventListener('messengerkit:changed', () => { if (view.active) reloadSoon(); });
    document.addEventListener('messengerkit:signed-out', hide);
  });
})();
