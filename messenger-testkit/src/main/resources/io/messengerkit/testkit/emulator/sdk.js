/*
 * MessengerKit platform emulator: a stand-in for the Facebook JavaScript SDK (connect.facebook.net/.../sdk.js)
 * for demos and browser tests. It defines window.FB with init, login, getLoginStatus, getAuthResponse, logout
 * and api. FB.login shows a small consent dialog for the emulator's demo user (or signs in at once when
 * FB.init was given emulatorAutoLogin: true) and yields authResponse.accessToken, a short-lived user token
 * the emulator's /oauth/access_token exchanges for a long-lived one, just as the real platform does.
 */
(function () {
  'use strict';
  var BASE = __BASE__;
  var APP_ID = __APP_ID__;
  var DEFAULT_VERSION = __VERSION__;
  var USER_NAME = __USER_NAME__;
  var APP_NAME = __APP_NAME__;
  var KEY = 'messengerkit-emulator-auth';
  var settings = { appId: null, version: DEFAULT_VERSION, autoLogin: false };
  var auth = null;
  try { auth = JSON.parse(window.sessionStorage.getItem(KEY)); } catch (e) { auth = null; }

  function nowSeconds() { return Math.floor(Date.now() / 1000); }

  function loginStatus() {
    if (auth && auth.expiresAt > nowSeconds()) {
      return {
        status: 'connected',
        authResponse: {
          accessToken: auth.accessToken,
          expiresIn: auth.expiresAt - nowSeconds(),
          data_access_expiration_time: auth.dataAccessExpirationTime,
          signedRequest: null,
          userID: auth.userID,
          grantedScopes: auth.grantedScopes,
          graphDomain: 'facebook'
        }
      };
    }
    return { status: 'unknown', authResponse: null };
  }

  function save(value) {
    auth = value;
    try {
      if (value) { window.sessionStorage.setItem(KEY, JSON.stringify(value)); }
      else { window.sessionStorage.removeItem(KEY); }
    } catch (e) { /* storage may be disabled; the in-memory session still works */ }
  }

  function requestToken(scope) {
    return fetch(BASE + '/emulator/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ app_id: settings.appId, scope: scope || '' })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error((body.error && body.error.message) || 'login failed'); }
        return body;
      });
    });
  }

  function el(tag, text, css) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (css) { node.style.cssText = css; }
    return node;
  }

  function showDialog(scope, done) {
    var overlay = el('div', null, 'position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;'
      + 'align-items:center;justify-content:center;z-index:2147483647;font-family:system-ui,sans-serif');
    overlay.id = 'messengerkit-emulator-login';
    var box = el('div', null, 'background:#fff;color:#1c1e21;border-radius:8px;padding:24px;max-width:360px;'
      + 'width:calc(100% - 32px);box-shadow:0 8px 24px rgba(0,0,0,.3)');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', 'messengerkit-emulator-login-title');
    var title = el('h2', 'Log in with Facebook (emulator)', 'margin:0 0 12px;font-size:20px');
    title.id = 'messengerkit-emulator-login-title';
    box.appendChild(title);
    box.appendChild(el('p', APP_NAME + ' will receive your name and the pages you manage.', 'margin:0 0 8px'));
    if (scope) { box.appendChild(el('p', 'Permissions: ' + scope, 'margin:0 0 16px;font-size:13px;color:#606770')); }
    var ok = el('button', 'Continue as ' + USER_NAME, 'background:#1877f2;color:#fff;border:0;border-radius:6px;'
      + 'padding:10px 16px;font-size:15px;font-weight:600;cursor:pointer;width:100%;margin-bottom:8px');
    ok.id = 'messengerkit-emulator-continue';
    ok.type = 'button';
    var cancel = el('button', 'Cancel', 'background:#e4e6eb;color:#050505;border:0;border-radius:6px;'
      + 'padding:10px 16px;font-size:15px;cursor:pointer;width:100%');
    cancel.id = 'messengerkit-emulator-cancel';
    cancel.type = 'button';
    function close(result) {
      document.removeEventListener('keydown', onKey);
      if (overlay.parentNode) { overlay.parentNode.removeChild(overlay); }
      done(result);
    }
    function onKey(event) { if (event.key === 'Escape') { close(false); } }
    ok.addEventListener('click', function () { close(true); });
    cancel.addEventListener('click', function () { close(false); });
    document.addEventListener('keydown', onKey);
    box.appendChild(ok);
    box.appendChild(cancel);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
    ok.focus();
  }

  function toQuery(params) {
    var parts = [];
    Object.keys(params).forEach(function (key) {
      var value = params[key];
      if (value === undefined || value === null) { return; }
      if (typeof value === 'object') { value = JSON.stringify(value); }
      parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(value));
    });
    return parts.join('&');
  }

  var FB = {
    init: function (options) {
      options = options || {};
      settings.appId = options.appId ? String(options.appId) : APP_ID;
      if (options.version) { settings.version = options.version; }
      settings.autoLogin = options.emulatorAutoLogin === true;
      if (settings.appId !== APP_ID) {
        console.error('FB.init: app id ' + settings.appId + ' is not the emulated app (' + APP_ID + ')');
      }
    },
    login: function (callback, options) {
      callback = callback || function () {};
      var scope = (options && options.scope) || '';
      if (!settings.appId) {
        console.error('FB.login() called before FB.init().');
        callback({ status: 'unknown', authResponse: null });
        return;
      }
      var finish = function () {
        requestToken(scope).then(function (body) {
          save({
            accessToken: body.accessToken,
            expiresAt: nowSeconds() + body.expiresIn,
            dataAccessExpirationTime: body.data_access_expiration_time,
            userID: body.userID,
            grantedScopes: body.grantedScopes
          });
          callback(loginStatus());
        }, function (error) {
          console.error('FB.login: ' + error.message);
          callback({ status: 'unknown', authResponse: null });
        });
      };
      if (settings.autoLogin) { finish(); }
      else { showDialog(scope, function (accepted) { if (accepted) { finish(); } else { callback({ status: 'unknown', authResponse: null }); } }); }
    },
    getLoginStatus: function (callback) {
      var current = loginStatus();
      setTimeout(function () { callback(current); }, 0);
    },
    getAuthResponse: function () { return loginStatus().authResponse; },
    logout: function (callback) {
      save(null);
      if (callback) { var current = loginStatus(); setTimeout(function () { callback(current); }, 0); }
    },
    api: function (path) {
      var method = 'get';
      var params = {};
      var callback = function () {};
      for (var i = 1; i < arguments.length; i++) {
        var arg = arguments[i];
        if (typeof arg === 'string') { method = arg.toLowerCase(); }
        else if (typeof arg === 'function') { callback = arg; }
        else if (arg && typeof arg === 'object') { params = arg; }
      }
      var copy = {};
      Object.keys(params).forEach(function (key) { copy[key] = params[key]; });
      if (!copy.access_token && auth) { copy.access_token = auth.accessToken; }
      var url = BASE + '/' + settings.version + (path.charAt(0) === '/' ? path : '/' + path);
      var request;
      if (method === 'get') {
        request = fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + toQuery(copy));
      } else {
        request = fetch(url, {
          method: method.toUpperCase(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: toQuery(copy)
        });
      }
      request.then(function (response) { return response.json(); })
        .then(callback, function (error) { callback({ error: { message: String(error), type: 'NetworkError', code: 1 } }); });
    },
    Event: { subscribe: function () {}, unsubscribe: function () {} },
    XFBML: { parse: function () {} },
    AppEvents: { logPageView: function () {} }
  };

  window.FB = FB;
  if (typeof window.fbAsyncInit === 'function') { setTimeout(window.fbAsyncInit, 0); }
})();
