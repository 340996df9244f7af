// MessengerKit sample admin page. Plain JavaScript, no build step.
// Everything shown here comes from this server's management API, called with the user's API key.
// Data is always written with textContent, never as HTML: page names and messages come from strangers.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const state = { config: null, chatbot: null, key: null, account: null, pages: [], historyPage: 1, historyPages: 1, pageSize: 10, follows: 0 };

  // ---- management API ---------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem || {};
    }
  }

  async function call(method, path, { query, body } = {}) {
    const url = new URL(path, document.baseURI);
    Object.entries(query || {}).forEach(([k, v]) => v !== undefined && v !== null && url.searchParams.set(k, v));
    const headers = { 'Accept': 'application/json', 'Authorization': 'Bearer ' + state.key };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    const text = await response.text();
    let json = null;
    if (text) {
      try { json = JSON.parse(text); } catch (e) { json = { detail: text.slice(0, 200) }; }
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }

  // One function per endpoint of the seed's API table, so the page's wire format lives in one place.
  const api = {
    linkAccount: (accessToken, userId) => call('POST', 'api/fb-linkage/', { body: { chatbot_id: state.chatbot, access_token: accessToken, user_id: userId } }),
    account: () => call('GET', 'api/fb-account-details/', { query: { chatbot_id: state.chatbot } }),
    unlinkAccount: () => call('DELETE', 'api/fb-unlink-account/', { query: { chatbot_id: state.chatbot } }),
    linkPages: (ids, instagram) => call('POST', 'api/link-pages/', { body: { chatbot_id: state.chatbot, page_ids: ids, instagram: !!instagram } }),
    linkedPages: () => call('GET', 'api/get-linked-pages/', { query: { chatbot_id: state.chatbot } }),
    unlinkPages: (ids) => call('DELETE', 'api/unlink-pages/', { body: { chatbot_id: state.chatbot, page_ids: ids } }),
    refreshPages: () => call('POST', 'api/refresh-pages/', { body: { chatbot_id: state.chatbot } }),
    history: (page, size) => call('GET', 'api/fb-message-summary/', { query: { chatbot_id: state.chatbot, page: page, page_size: size } }),
    withHuman: () => call('GET', 'api/conversations/with-human/', { query: { chatbot_id: state.chatbot } }),
    handBack: (pageId, psid) => call('POST', 'api/conversations/hand-back/', { body: { chatbot_id: state.chatbot, page_id: pageId, psid: psid } }),
    demoSend: (event) => call('POST', 'api/demo/messages', { body: Object.assign({ chatbot_id: state.chatbot }, event) }),
    demoTranscript: (pageId, user) => call('GET', 'api/demo/transcript', { query: { chatbot_id: state.chatbot, page_id: pageId, user: user } }),
  };

  // ---- small helpers ----------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null || v === false) return;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    });
    children.flat().forEach((c) => c !== undefined && c !== null && node.append(c instanceof Node ? c : String(c)));
    return node;
  }

  function notice(text) {
    $('notice').textContent = text || '';
  }

  function showError(err) {
    const box = $('error');
    if (!err) { box.hidden = true; box.textContent = ''; return; }
    let text = err.message || String(err);
    if (err.problem && err.problem.fbtrace_id) text += ' (fbtrace_id ' + err.problem.fbtrace_id + ')';
    box.textContent = text;
    box.hidden = false;
    if (err.status === 401) signOut('Your API key was not accepted. Sign in again.');
    if (err.status === 409) showReconnect(true);
  }

  async function busy(button, work) {
    showError(null);
    if (button) button.disabled = true;
    try { return await work(); } catch (e) { showError(e); return undefined; } finally { if (button) button.disabled = false; }
  }

  const pick = (obj, ...names) => { for (const n of names) if (obj && obj[n] !== undefined && obj[n] !== null) return obj[n]; return undefined; };
  const listOf = (json, ...names) => Array.isArray(json) ? json : (pick(json, ...names) || []);
  const formatTime = (value) => {
    if (!value) return '';
    const d = typeof value === 'number' ? new Date(value > 1e12 ? value : value * 1000) : new Date(value);
    return isNaN(d) ? String(value) : d.toLocaleString();
  };

  // ---- sign in ----------------------------------------------------------------------------------

  // Credentials in the address's fragment (never sent to any server), as the demo's printed link carries them.
  // Taken out of the address bar at once; used only in demo mode. In live mode a link with someone else's
  // credentials would sign the visitor in to that someone's chatbot (login CSRF), so it is ignored.
  function takeFragment() {
    if (!location.hash) return null;
    const params = new URLSearchParams(location.hash.slice(1));
    history.replaceState(null, '', location.pathname + location.search);
    return params.get('key') || params.get('chatbot') ? { key: params.get('key'), chatbot: params.get('chatbot') } : null;
  }

  // Returns a notice when the fragment was ignored.
  function useFragment(fragment) {
    if (!fragment) return '';
    if (state.config.mode !== 'demo') {
      return 'Sign-in details in the link were ignored: outside demo mode, sign in with the form.';
    }
    if (fragment.key) sessionStorage.setItem('mk.key', fragment.key);
    if (fragment.chatbot) sessionStorage.setItem('mk.chatbot', fragment.chatbot);
    return '';
  }

  function signOut(message) {
    announce('signed-out');
    sessionStorage.removeItem('mk.key');
    state.key = null;
    $('app').hidden = true;
    $('sign-out').hidden = true;
    $('signed-in').hidden = true;
    $('signin').hidden = false;
    $('chatbot').value = state.chatbot || '';
    notice(message || '');
  }

  async function signIn(chatbot, key) {
    state.chatbot = chatbot;
    state.key = key;
    sessionStorage.setItem('mk.chatbot', chatbot);
    sessionStorage.setItem('mk.key', key);
    $('signin').hidden = true;
    $('app').hidden = false;
    $('sign-out').hidden = false;
    // Always in sight: which chatbot every action of this page acts on.
    $('signed-in-chatbot').textContent = chatbot;
    $('signed-in').hidden = false;
    await loadAccount();
    await loadHistory(1);
    await loadWithHuman();
    announce('signed-in');
  }

  // ---- Facebook login ---------------------------------------------------------------------------

  function loadFacebookSdk() {
    const cfg = state.config;
    if (!cfg.appId) {
      $('sdk-status').textContent = 'Set MESSENGER_APP_ID on the server to enable Facebook Login.';
      return;
    }
    let initialised = false;
    const init = () => {
      if (initialised || !window.FB) return;
      initialised = true;
      window.FB.init({ appId: cfg.appId, version: cfg.graphApiVersion, cookie: false, xfbml: false });
      $('login').disabled = false;
      $('sdk-status').textContent = cfg.mode === 'demo' ? 'Demo mode: the emulator plays Facebook Login.' : '';
    };
    window.fbAsyncInit = init;
    const script = document.createElement('script');
    script.src = cfg.fbSdkUrl;
    script.async = true;
    script.crossOrigin = 'anonymous';
    script.onload = init;
    script.onerror = () => { $('sdk-status').textContent = 'Could not load the Facebook SDK from ' + cfg.fbSdkUrl + '.'; };
    document.head.append(script);
  }

  function facebookLogin() {
    return new Promise((resolve, reject) => {
      window.FB.login((response) => {
        if (response && response.status === 'connected' && response.authResponse) resolve(response.authResponse);
        else reject(new Error('Facebook Login was cancelled or not authorised.'));
      }, { scope: 'pages_show_list,pages_messaging,pages_manage_metadata,pages_read_engagement,business_management,instagram_basic,instagram_manage_messages' });
    });
  }

  async function connectFacebook(button) {
    await busy(button, async () => {
      const auth = await facebookLogin();
      notice('Linking your Facebook account…');
      await api.linkAccount(auth.accessToken, auth.userID);
      notice('Facebook account linked.');
      await loadAccount();
    });
  }

  // ---- account and pages ------------------------------------------------------------------------

  function showReconnect(on) {
    $('reconnect').hidden = !on;
  }

  function tokenStatus(account) {
    const raw = String(pick(account, 'status') || 'linked').toLowerCase();
    if (account.reconnect_needed || raw.includes('reconnect') || raw.includes('invalid') || raw.includes('expired')) {
      return { label: 'Reconnect needed', cls: 'bad', reconnect: true };
    }
    const expires = pick(account, 'token_expires_at');
    if (expires && new Date(expires) - Date.now() < 7 * 24 * 3600 * 1000) return { label: 'Expires soon', cls: 'warn', reconnect: false };
    return { label: 'Valid', cls: 'ok', reconnect: false };
  }

  async function loadAccount() {
    let account = null;
    try {
      account = await api.account();
    } catch (e) {
      if (e.status !== 404) { showError(e); return; }
    }
    const linked = !!(account && pick(account, 'facebook_user_id'));
    state.account = linked ? account : null;
    $('account-none').hidden = linked;
    $('account-details').hidden = !linked;
    $('account-actions').hidden = !linked;
    $('pages').hidden = !linked;
    if (!linked) { showReconnect(false); state.pages = []; renderPages([]); renderTryPages(); announce('changed'); return; }
    $('account-name').textContent = pick(account, 'facebook_user_name') || '';
    $('account-id').textContent = pick(account, 'facebook_user_id');
    const status = tokenStatus(account);
    const badge = $('token-status');
    badge.textContent = status.label;
    badge.className = 'badge ' + status.cls;
    const expires = pick(account, 'token_expires_at');
    $('token-expiry').textContent = expires ? 'expires ' + formatTime(expires) : '';
    showReconnect(status.reconnect);
    loadPages(account);
    announce('changed');
  }

  function loadPages(account) {
    // Pages Facebook lists for the account (personal and business), merged with the linked ones, which
    // carry the link status; a linked page Facebook no longer lists still shows, flagged.
    const byId = new Map();
    listOf(account, 'available_pages').forEach((p) => byId.set(String(p.id), {
      id: String(p.id), name: p.name || String(p.id), source: String(p.source || 'personal').toLowerCase(),
      linked: false, status: '', reconnect: false, detail: '', instagram: p.instagram || null, instagramMessaging: false,
    }));
    listOf(account, 'linked_pages').forEach((p) => {
      const id = String(p.page_id);
      const known = byId.get(id);
      byId.set(id, {
        id, name: p.name || (known && known.name) || id, source: String(p.source || (known && known.source) || 'personal').toLowerCase(),
        linked: p.active !== false, status: String(p.status || '').toLowerCase(), reconnect: !!p.reconnect_needed,
        detail: p.status_detail || '', listed: !!known,
        instagram: p.instagram || (known && known.instagram) || null, instagramMessaging: !!p.instagram_messaging,
      });
    });
    state.pages = [...byId.values()];
    renderPages(state.pages);
    renderTryPages();
  }

  function renderPages(pages) {
    const body = $('pages-table').querySelector('tbody');
    body.replaceChildren(...pages.map((p) => {
      const status = p.reconnect ? el('span', { class: 'badge bad', title: p.detail }, 'Reconnect needed')
        : p.linked && p.listed === false ? el('span', { class: 'badge warn', title: p.detail }, 'Access lost')
        : p.linked ? el('span', { class: 'badge ok' }, 'Linked') : el('span', { class: 'badge' }, 'Not linked');
      const action = p.linked
        ? el('button', { type: 'button', class: 'danger', 'data-page': p.id, 'aria-label': 'Unlink ' + p.name, onclick: (e) => unlinkPage(e.currentTarget, p) }, 'Unlink')
        : el('button', { type: 'button', class: 'primary', 'data-page': p.id, 'aria-label': 'Link ' + p.name, onclick: (e) => linkPage(e.currentTarget, p) }, 'Link');
      // The page's connected Instagram professional account, and whether the link covers its messages.
      const instagram = p.instagram
        ? el('div', { class: 'small instagram', 'data-instagram': String(p.instagram.id) }, 'Instagram @' + (p.instagram.username || p.instagram.id),
          p.instagramMessaging ? el('span', { class: 'badge ok' }, 'Instagram messaging on') : null)
        : null;
      return el('tr', { 'data-page': p.id },
        el('td', {}, el('div', {}, p.name), el('div', { class: 'muted small mono' }, p.id), instagram),
        el('td', {}, p.source === 'business' ? 'Business portfolio' : 'Personal'),
        el('td', {}, status),
        el('td', {}, action));
    }));
    $('pages-empty').hidden = pages.length > 0 || !state.account;
  }

  async function linkPage(button, page) {
    await busy(button, async () => {
      // A page with a connected Instagram account is linked with Instagram messaging on: one bot for both inboxes.
      // When the login lacks an Instagram permission, the page is linked for Messenger alone and the notice says why.
      let instagram = !!page.instagram;
      let withoutInstagram = '';
      try {
        await api.linkPages([page.id], instagram);
      } catch (e) {
        const refusal = e.status === 400 && (e.problem.errors || []).find((v) => v.field === 'instagram');
        if (!refusal) throw e;
        instagram = false;
        withoutInstagram = ' Instagram messaging stays off: ' + refusal.message;
        await api.linkPages([page.id], false);
      }
      notice(page.name + ' is linked and subscribed' + (instagram ? ', with its Instagram account @' + (page.instagram.username || page.instagram.id) : '') + '.' + withoutInstagram);
      await loadAccount();
    });
  }

  async function unlinkPage(button, page) {
    if (!confirm('Unlink ' + page.name + '? The bot stops answering there.')) return;
    await busy(button, async () => {
      await api.unlinkPages([page.id]);
      notice(page.name + ' is unlinked.');
      await loadAccount();
    });
  }

  // ---- demo: message the page as a user ---------------------------------------------------------

  function renderTryPages() {
    const demo = state.config && state.config.mode === 'demo';
    const linked = state.pages.filter((p) => p.linked);
    $('try').hidden = !demo || linked.length === 0;
    const select = $('try-page');
    const previous = select.value;
    // Each linked page, and next to it the Instagram account it answers for, when the link covers it.
    const options = [];
    linked.forEach((p) => {
      options.push(el('option', { value: p.id, 'data-platform': 'messenger' }, p.name + ' (Messenger)'));
      if (p.instagram && p.instagramMessaging) {
        options.push(el('option', { value: String(p.instagram.id), 'data-platform': 'instagram' }, 'Instagram @' + (p.instagram.username || p.instagram.id) + ' (' + p.name + ')'));
      }
    });
    select.replaceChildren(...options);
    if (options.some((o) => o.value === previous)) select.value = previous;
  }

  async function demoSend(event, button) {
    const pageId = $('try-page').value;
    const user = $('try-user').value.trim() || 'Alex Rivera';
    await busy(button, async () => {
      await api.demoSend(Object.assign({ page_id: pageId, user: user }, event));
      await followTranscript(pageId, user);
      await loadHistory(1);
      await loadWithHuman();
    });
  }

  async function followTranscript(pageId, user) {
    // The bot answers asynchronously (typing, reply, seen): poll the emulator's transcript for a short while.
    // A newer turn's follow supersedes this one: two loops would redraw the list in turn, under the user's pointer.
    const follow = ++state.follows;
    const deadline = Date.now() + 10000;
    let last = '';
    let stableSince = Date.now();
    while (Date.now() < deadline) {
      const transcript = await api.demoTranscript(pageId, user);
      if (follow !== state.follows) return;
      const entries = listOf(transcript, 'entries');
      const signature = JSON.stringify(entries);
      if (signature !== last) { last = signature; stableSince = Date.now(); renderTranscript(entries); }
      const tail = entries[entries.length - 1];
      const waiting = !tail || tail.from === 'user' || tail.kind === 'typing_on';
      if (!waiting && Date.now() - stableSince > 700) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // The person has now seen the answer: Messenger would send a read receipt, so the demo does too.
    if (last && last !== '[]') await api.demoSend({ page_id: pageId, user: user, read: true }).catch(() => undefined);
  }

  function renderTranscript(entries) {
    const list = $('transcript');
    const visible = entries.filter((e, i) => {
      const last = i === entries.length - 1;
      if (e.kind === 'typing_off') return false;
      if (e.kind === 'typing_on' || e.kind === 'mark_seen') return last;
      return true;
    });
    list.replaceChildren(...visible.map((e) => {
      if (e.kind === 'typing_on') return el('li', { class: 'bubble page typing', 'data-kind': 'typing' }, el('span', { class: 'sr-only' }, 'The page is typing'));
      if (e.kind === 'mark_seen') return el('li', { class: 'bubble event', 'data-kind': 'seen' }, 'Seen');
      const from = e.from === 'user' ? 'user' : 'page';
      const choices = (e.quick_replies || []).map((q) => el('button', { type: 'button', class: 'chip', onclick: (ev) => demoSend({ text: q.title, quick_reply_payload: q.payload }, ev.currentTarget) }, q.title))
        .concat((e.buttons || []).map((b) => el('button', { type: 'button', class: 'chip', onclick: (ev) => demoSend({ postback_title: b.title, postback_payload: b.payload }, ev.currentTarget) }, b.title)));
      const react = from === 'page' && e.mid
        ? el('button', { type: 'button', class: 'link react', 'aria-label': 'React with love to: ' + (e.text || 'this message'), onclick: (ev) => demoSend({ reaction: 'love', emoji: '\u2764\ufe0f', mid: e.mid }, ev.currentTarget) }, '\u2764\ufe0f')
        : null;
      return el('li', { class: 'bubble ' + from, 'data-from': from },
        el('div', { class: 'text' }, e.kind === 'postback' ? (e.text || e.payload) : (e.text || '')),
        choices.length ? el('div', { class: 'choices' }, choices) : null,
        react);
    }));
    list.scrollTop = list.scrollHeight;
  }

  // ---- history ----------------------------------------------------------------------------------

  async function loadHistory(page) {
    let summary;
    try {
      summary = await api.history(page, state.pageSize);
    } catch (e) {
      if (e.status !== 404) showError(e);
      return;
    }
    $('history').hidden = false;
    const rows = listOf(summary, 'messages');
    const total = Number(pick(summary, 'total') || 0);
    state.historyPage = page;
    state.historyPages = Math.max(1, Number(pick(summary, 'pages') || Math.ceil(total / state.pageSize)));
    const pageNames = new Map(state.pages.map((p) => [p.id, p.name]));
    state.pages.filter((p) => p.instagram).forEach((p) => pageNames.set(String(p.instagram.id), 'Instagram @' + (p.instagram.username || p.instagram.id)));
    $('history-table').querySelector('tbody').replaceChildren(...rows.map((m) => {
      const pageId = String(pick(m, 'page_id', 'page') || '');
      const status = String(pick(m, 'status') || '');
      return el('tr', {},
        el('td', { class: 'small' }, formatTime(pick(m, 'received_at', 'replied_at'))),
        el('td', { 'data-platform': String(pick(m, 'platform') || 'messenger') }, pageNames.get(pageId) || pageId),
        el('td', { class: 'mono small' }, pick(m, 'session_id') || ''),
        el('td', { class: 'msg' }, pick(m, 'inbound_text') || ''),
        el('td', { class: 'msg' }, pick(m, 'outbound_text') || ''),
        el('td', {}, el('span', { class: 'badge ' + (status.toLowerCase().includes('fail') ? 'bad' : 'ok') }, status)));
    }));
    $('history-empty').hidden = rows.length > 0;
    const byPage = (summary.counts && summary.counts.by_page) || {};
    $('counts').replaceChildren(...Object.entries(byPage).map(([id, n]) => el('li', { 'data-page': id }, pageNames.get(id) || id, el('strong', {}, n))));
    $('page-info').textContent = 'Page ' + page + ' of ' + state.historyPages + ' (' + total + ' messages)';
    $('prev-page').disabled = page <= 1;
    $('next-page').disabled = page >= state.historyPages;
    announce('changed');
  }

  // ---- conversations with a human ---------------------------------------------------------------

  const REASONS = { human_replied: 'Answered from the Page inbox', other_app_replied: 'Another app answered', control_left: 'Another app has the thread' };

  async function loadWithHuman() {
    let list;
    try {
      list = await api.withHuman();
    } catch (e) {
      if (e.status !== 404) showError(e);
      return;
    }
    $('with-human').hidden = false;
    const rows = listOf(list, 'conversations');
    const pageNames = new Map(state.pages.map((p) => [p.id, p.name]));
    $('with-human-table').querySelector('tbody').replaceChildren(...rows.map((c) => {
      const pageId = String(pick(c, 'page_id') || '');
      const psid = String(pick(c, 'psid') || '');
      const reason = String(pick(c, 'reason') || '');
      return el('tr', { 'data-psid': psid, 'data-page': pageId },
        el('td', {}, pageNames.get(pageId) || pageId),
        el('td', { class: 'mono small' }, pick(c, 'session_id') || psid),
        el('td', {}, REASONS[reason] || reason),
        el('td', { class: 'small' }, formatTime(pick(c, 'since'))),
        el('td', { class: 'small' }, formatTime(pick(c, 'quiet_until'))),
        el('td', {}, el('button', { type: 'button', class: 'hand-back', onclick: (e) => busy(e.currentTarget, async () => {
          await api.handBack(pageId, psid);
          notice('Conversation handed back to the bot.');
          await loadWithHuman();
        }) }, 'Hand back')));
    }));
    $('with-human-empty').hidden = rows.length > 0;
  }

  // ---- for the operations view (dashboard.js) ---------------------------------------------------

  // It reuses this page's API client, Facebook login and account view, and follows sign-in and changes.
  function announce(what) {
    document.dispatchEvent(new CustomEvent('messengerkit:' + what));
  }

  window.MessengerKitAdmin = Object.freeze({
    call, el, connectFacebook, showError, notice, reloadAccount: () => loadAccount(), chatbot: () => state.key ? state.chatbot : null,
  });

  // ---- start ------------------------------------------------------------------------------------

  async function start() {
    const fragment = takeFragment();
    const response = await fetch('sample/config', { cache: 'no-store' });
    state.config = await response.json();
    const ignored = useFragment(fragment);
    const mode = $('mode');
    mode.textContent = state.config.mode === 'demo' ? 'Demo mode' : 'Live';
    mode.className = 'badge ' + (state.config.mode === 'demo' ? 'demo' : 'live');
    mode.hidden = false;
    loadFacebookSdk();

    $('signin-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('chatbot').value.trim(), $('api-key').value.trim()); });
    $('sign-out').addEventListener('click', () => signOut('Signed out.'));
    $('login').addEventListener('click', (e) => connectFacebook(e.currentTarget));
    $('reconnect-button').addEventListener('click', (e) => connectFacebook(e.currentTarget));
    $('unlink-account').addEventListener('click', (e) => {
      if (!confirm('Unlink this Facebook account? Its pages are unsubscribed and its tokens deleted.')) return;
      busy(e.currentTarget, async () => { await api.unlinkAccount(); notice('Facebook account unlinked.'); await loadAccount(); });
    });
    $('refresh-pages').addEventListener('click', (e) => busy(e.currentTarget, async () => { await api.refreshPages(); notice('Pages refreshed from Facebook.'); await loadAccount(); }));
    $('reload-history').addEventListener('click', (e) => busy(e.currentTarget, () => loadHistory(state.historyPage)));
    $('reload-with-human').addEventListener('click', (e) => busy(e.currentTarget, () => loadWithHuman()));
    $('prev-page').addEventListener('click', (e) => busy(e.currentTarget, () => loadHistory(state.historyPage - 1)));
    $('next-page').addEventListener('click', (e) => busy(e.currentTarget, () => loadHistory(state.historyPage + 1)));
    // Messenger's "Get Started" button: a postback, answered by the bot's postback handler with buttons.
    $('get-started').addEventListener('click', (e) => demoSend({ postback_title: 'Get Started', postback_payload: 'GET_STARTED' }, e.currentTarget));
    $('try-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const input = $('try-text');
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      demoSend({ text: text }, e.submitter);
    });

    state.chatbot = sessionStorage.getItem('mk.chatbot') || '';
    const key = sessionStorage.getItem('mk.key');
    if (state.chatbot && key) {
      notice(ignored);
      await signIn(state.chatbot, key);
    } else {
      signOut(ignored);
    }
  }

  document.addEventListener('DOMContentLoaded', () => start().catch(showError));
})();
