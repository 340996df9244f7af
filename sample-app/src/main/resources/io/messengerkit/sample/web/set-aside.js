// Events set aside by the event pipeline: permanent refusals (outside the window, person unavailable,
// policy, permissions, token), outcomes unknown (a send that may have reached Meta) and events whose
// retries ran out. Lists them with why, after how many attempts and the first and last error, and
// queues one or all of them again. Fills the operations view's mount point; uses app.js's API client.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let active = false;

  function admin() {
    return window.MessengerKitAdmin;
  }

  function section() {
    const mount = $('set-aside-mount');
    let s = $('set-aside');
    if (!s && mount) {
      const el = admin().el;
      s = el('section', { id: 'set-aside', 'aria-labelledby': 'set-aside-title' },
        el('div', { class: 'card-head' },
          el('h3', { id: 'set-aside-title' }, 'Events set aside'),
          el('button', { id: 'set-aside-reload', type: 'button' }, 'Reload'),
          el('button', { id: 'set-aside-requeue-all', type: 'button' }, 'Queue all again')),
        el('p', { class: 'small muted' }, 'Not retried automatically. Queue an event again once its cause is fixed;'
          + ' a reply that already went out is never sent twice.'),
        el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'set-aside-title' },
          el('table', { id: 'set-aside-table' },
            el('thead', {}, el('tr', {},
              ...['Set aside', 'Page', 'User', 'Reason', 'Attempts', 'Graph code', 'First error', 'Last error', '']
                .map((h) => el('th', { scope: 'col' }, h)))),
            el('tbody', {}))),
        el('p', { id: 'set-aside-empty', class: 'muted' }, 'No events are set aside.'));
      mount.replaceChildren(s);
      $('set-aside-reload').addEventListener('click', load);
      $('set-aside-requeue-all').addEventListener('click', () => requeue(null));
    }
    return s;
  }

  async function load() {
    const chatbot = admin() && admin().chatbot();
    if (!active || !chatbot) return;
    let answer;
    try {
      answer = await admin().call('GET', 'api/events/set-aside/', { query: { chatbot_id: chatbot } });
    } catch (e) {
      if (e.status !== 404) admin().showError(e);
      return;
    }
    section();
    const el = admin().el;
    const events = answer.events || [];
    $('set-aside-table').querySelector('tbody').replaceChildren(...events.map((e) => el('tr', { 'data-event': String(e.id) },
      el('td', { class: 'small' }, e.set_aside_at || ''),
      el('td', {}, e.page_id || ''),
      el('td', { class: 'mono small' }, e.session_id || ''),
      el('td', {}, el('span', { class: 'badge bad' }, e.reason || '')),
      el('td', {}, String(e.attempts)),
      el('td', {}, e.graph_error_code == null ? '' : String(e.graph_error_code)),
      el('td', { class: 'msg small' }, e.first_error || ''),
      el('td', { class: 'msg small' }, e.last_error || ''),
      el('td', {}, el('button', { type: 'button', onclick: () => requeue(e.id) }, 'Queue again')))));
    $('set-aside-empty').hidden = events.length > 0;
    $('set-aside-requeue-all').disabled = events.length === 0;
  }

  async function requeue(id) {
    const chatbot = admin().chatbot();
    const body = { chatbot_id: chatbot };
    if (id !== null) body.event_id = id;
    try {
      const answer = await admin().call('POST', 'api/events/requeue/', { body });
      admin().notice(answer.requeued + (answer.requeued === 1 ? ' event' : ' events') + ' queued again.');
    } catch (e) {
      admin().showError(e);
    }
    await load();
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.addEventListener('messengerkit:signed-in', () => { active = true; load(); });
    document.addEventListener('messengerkit:changed', () => { if (active) load(); });
    document.addEventListener('messengerkit:signed-out', () => {
      active = false;
      const mount = $('set-aside-mount');
      if (mount) mount.replaceChildren();
    });
  });
})();
