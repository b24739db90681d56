// crm-bot local web chat: no framework, no CDN; talks to /api/local as the signed-in user.
(function () {
  'use strict';
  var me = null;
  var messages = document.getElementById('messages');
  var text = document.getElementById('text');
  var form = document.getElementById('composer');
  var status = document.getElementById('status');
  var lastSeq = {};

  // html: a card the server rendered from a structured reply, every text in it escaped there
  function add(kind, body, buttons, image, html) {
    var div = document.createElement('div');
    div.className = 'msg ' + kind;
    if (html) {
      div.innerHTML = html;
    } else {
      div.textContent = body;
    }
    if (image) {
      var img = document.createElement('img');
      img.className = 'chart';
      img.alt = 'chart';
      img.src = image;
      div.appendChild(document.createElement('br'));
      div.appendChild(img);
    }
    if (buttons && buttons.length) {
      var bar = document.createElement('div');
      bar.className = 'buttons';
      buttons.forEach(function (b) {
        var btn = document.createElement('button');
        btn.type = 'button';
        btn.textContent = b.label;
        btn.title = b.command;
        btn.addEventListener('click', function () { send(b.command); });
        bar.appendChild(btn);
      });
      div.appendChild(bar);
    }
    messages.appendChild(div);
    messages.scrollTop = messages.scrollHeight;
    return div;
  }

  function replyText(r) {
    return r.title ? r.title + '\n' + r.text : r.text;
  }

  function addReply(kind, r) {
    add(kind, replyText(r), r.buttons, r.image, r.html);
  }

  // the conversation so far (kept by the server), else the bot's greeting for a new user
  function loadHistory(user) {
    return fetch('api/local/history').then(function (res) {
      return (res.ok && !signedOut(res)) ? res.json() : [];
    }).then(function (lines) {
      lines.forEach(function (l) {
        lastSeq[user] = Math.max(lastSeq[user] || 0, l.seq);
        if (l.kind === 'me') {
          add('me', l.text);
        } else {
          addReply(l.kind === 'welcome' ? 'bot welcome' : l.kind, l.reply);
        }
      });
      if (lines.length) { return null; }
      return fetch('api/local/enter', { method: 'POST', headers: { 'X-XSRF-TOKEN': csrf() } })
        .then(function (res) { return res.ok ? res.json() : { replies: [] }; })
        .then(function (json) { json.replies.forEach(function (r) { addReply('bot welcome', r); }); });
    }).catch(function () { /* the chat still works without its history */ });
  }

  // state changes carry the CSRF token from the XSRF-TOKEN cookie
  function csrf() {
    var m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  function signedOut(res) {
    if (res.status === 401) { window.location.href = 'login'; return true; }
    return false;
  }

  function send(body) {
    if (!body || !me) { return; }
    add('me', body);
    status.textContent = '发送中…';
    fetch('api/local/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf() },
      body: JSON.stringify({ text: body })
    }).then(function (res) {
      if (signedOut(res)) { return new Promise(function () {}); }
      return res.json().then(function (json) { return { ok: res.ok, json: json }; });
    }).then(function (r) {
      status.textContent = '';
      if (!r.ok) { add('error', r.json.error || '出错了'); return; }
      r.json.replies.forEach(function (reply) { addReply('bot', reply); });
    }).catch(function () {
      status.textContent = '';
      add('error', '无法连接 crm-bot，请检查服务是否在运行。');
    });
  }

  function poll() {
    if (!me) { return; }
    var user = me;
    var after = lastSeq[user] || 0;
    fetch('api/local/inbox?after=' + after)
      .then(function (res) { return (res.ok && !signedOut(res)) ? res.json() : []; })
      .then(function (pushes) {
        pushes.forEach(function (p) {
          lastSeq[user] = Math.max(lastSeq[user] || 0, p.seq);
          addReply('push', p.reply);
        });
      })
      .catch(function () { /* next poll retries */ });
  }

  fetch('api/session').then(function (res) {
    if (signedOut(res)) { return null; }
    return res.json();
  }).then(function (session) {
    if (!session) { return; }
    me = session.user;
    document.getElementById('me').textContent = session.name + ' (' + session.user + ')';
    document.getElementById('trial-banner').hidden = !session.trial;
    loadHistory(me).then(poll);
  });

  // the reports dashboard, for users who may see reports
  fetch('api/dashboard/link').then(function (res) {
    return res.ok ? res.json() : null;
  }).then(function (link) {
    if (!link) { return; }
    var a = document.getElementById('dashboard-link');
    a.href = link.href;
    a.textContent = link.label;
    a.hidden = false;
  }).catch(function () { /* no link */ });

  document.getElementById('logout').addEventListener('click', function () {
    fetch('logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': csrf() } })
      .then(function () { window.location.href = 'login?logout'; });
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var body = text.value;
    text.value = '';
    send(body);
  });

  text.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  // lead import: the file goes to the bot's import API, its report comes back as replies
  var upload = document.getElementById('upload');
  if (upload) {
    upload.addEventListener('change', function () {
      var file = upload.files[0];
      if (!file || !me) { return; }
      add('me', '📎 ' + file.name);
      status.textContent = '上传中…';
      fetch('api/import?file=' + encodeURIComponent(file.name), {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'X-XSRF-TOKEN': csrf() },
        body: file
      }).then(function (res) {
        return res.json().then(function (json) { return { ok: res.ok, json: json }; });
      }).then(function (r) {
        status.textContent = '';
        upload.value = '';
        if (!r.ok) { add('error', r.json.error || '上传失败'); return; }
        r.json.replies.forEach(function (reply) { addReply('bot', reply); });
      }).catch(function () {
        status.textContent = '';
        add('error', '上传失败，请检查服务是否在运行。');
      });
    });
  }

  setInterval(poll, 3000);
})();
