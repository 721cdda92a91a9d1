// The ethics office desk: signs in the Teams way and loads the server-rendered pages into <main>.
// No framework and no build step: links and forms marked data-desk / data-desk-get / data-desk-post are fetched
// with the Teams SSO token in the Authorization header (never a cookie), and the HTML the server returns replaces
// the main area. Outside Teams, on this machine only, the server's development scheme may accept the X-Desk-Dev header.
(function () {
  'use strict';
  var main = document.getElementById('desk');
  var inTeams = window.parent !== window || !!window.opener;
  var ready = null;

  function initialize() {
    if (!inTeams || !window.microsoftTeams) return Promise.resolve(false);
    return Promise.race([
      microsoftTeams.app.initialize().then(function () { return true; }),
      new Promise(function (resolve) { setTimeout(function () { resolve(false); }, 5000); })
    ]).catch(function () { return false; });
  }

  function headers() {
    return (ready || (ready = initialize())).then(function (teams) {
      if (!teams) return { 'X-Desk-Dev': '1' };
      // Teams caches the token and renews it before it expires.
      return microsoftTeams.authentication.getAuthToken().then(function (token) {
        return { 'Authorization': 'Bearer ' + token };
      });
    });
  }

  function show(response) {
    if (response.status === 401) {
      main.innerHTML = '<h1>Sign-in needed</h1><p>Open the desk from the EthicsBot app in Teams.</p>';
      return;
    }
    return response.text().then(function (html) { main.innerHTML = html; window.scrollTo(0, 0); });
  }

  function fail() {
    main.innerHTML = '<h1>Not reachable</h1><p>The desk could not be reached. Check your connection and try again.</p>';
  }

  function load(url) {
    return headers().then(function (h) { return fetch(url, { headers: h, credentials: 'omit', cache: 'no-store' }); }).then(show, fail);
  }

  function post(url, form, submitter) {
    var data = new FormData(form);
    form.querySelectorAll('input[type=file]').forEach(function (input) { data.delete(input.name); });
    var body = new URLSearchParams(data);
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    return headers().then(function (h) {
      h['Content-Type'] = 'application/x-www-form-urlencoded';
      return fetch(url, { method: 'POST', headers: h, body: body, credentials: 'omit', cache: 'no-store' });
    }).then(show, fail);
  }

  function download(url, name) {
    return headers().then(function (h) { return fetch(url, { headers: h, credentials: 'omit', cache: 'no-store' }); }).then(function (response) {
      if (!response.ok) return show(response);
      return response.blob().then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      });
    }, fail);
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-desk], a[data-download]');
    if (!link) return;
    event.preventDefault();
    if (link.dataset.download) download(link.getAttribute('href'), link.dataset.download);
    else load(link.dataset.desk);
  });

  // A file chosen for a field (a campaign's CSV of Entra object ids) is read here into the field it names: the form
  // stays a URL-encoded form, and the office sees what will be sent.
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.matches || !input.matches('input[type=file][data-fill]') || !input.files.length) return;
    var target = input.form.elements[input.dataset.fill];
    input.files[0].text().then(function (text) { target.value = text; });
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.dataset.deskPost) {
      event.preventDefault();
      post(form.dataset.deskPost, form, event.submitter);
    } else if (form.dataset.deskGet) {
      event.preventDefault();
      var query = new URLSearchParams();
      new FormData(form).forEach(function (value, key) { if (value) query.append(key, value); });
      var q = query.toString();
      load(form.dataset.deskGet + (q ? '?' + q : ''));
    }
  });

  load('/office/api/queue');
})();
