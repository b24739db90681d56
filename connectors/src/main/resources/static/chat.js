// crm-bot local web chat: no framework, no CDN; talks to /api/local.
(function () {
  'use strict';
  var userSelect = document.getElementById('user');
  var messages = document.getElementById('messages');
  var text = document.getElementById('text');
  var form = document.getElementById('composer');
  var status = document.getElementById('status');
  var lastSeq = {};

  function add(kind, body, buttons, image) {
    var div = document.createElement('div');
    div.className = 'msg ' + kind;
    div.textContent = body;
    if (image) {
      var img = document.createElement('img');
      img.className = 'chart';
      img.alt = 'chart';
      img.src = image + '?user=' + encodeURIComponent(userSelect.value);
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

  function send(body) {
    if (!body || !userSelect.value) { return; }
    add('me', body);
    status.textContent = '发送中…';
    fetch('api/local/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: userSelect.value, text: body })
    }).then(function (res) {
      return res.json().then(function (json) { return { ok: res.ok, json: json }; });
    }).then(function (r) {
      status.textContent = '';
      if (!r.ok) { add('error', r.json.error || '出错了'); return; }
      r.json.replies.forEach(function (reply) { add('bot', replyText(reply), reply.buttons, reply.image); });
    }).catch(function () {
      status.textContent = '';
      add('error', '无法连接 crm-bot，请检查服务是否在运行。');
    });
  }

  function poll() {
    var user = userSelect.value;
    if (!user) { return; }
    var after = lastSeq[user] || 0;
    fetch('api/local/inbox?user=' + encodeURIComponent(user) + '&after=' + after)
      .then(function (res) { return res.ok ? res.json() : []; })
      .then(function (pushes) {
        pushes.forEach(function (p) {
          lastSeq[user] = Math.max(lastSeq[user] || 0, p.seq);
          add('push', replyText(p.reply), p.reply.buttons, p.reply.image);
        });
      })
      .catch(function () { /* next poll retries */ });
  }

  fetch('api/local/users').then(function (res) { return res.json(); }).then(function (users) {
    users.forEach(function (u) {
      var o = document.createElement('option');
      o.value = u.key;
      o.textContent = u.name + ' (' + u.key + ')';
      userSelect.appendChild(o);
    });
    var saved = window.localStorage && localStorage.getItem('crmbot.user');
    if (saved) { userSelect.value = saved; }
    poll();
  });

  userSelect.addEventListener('change', function () {
    if (window.localStorage) { localStorage.setItem('crmbot.user', userSelect.value); }
    messages.innerHTML = '';
    poll();
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
      if (!file || !userSelect.value) { return; }
      add('me', '📎 ' + file.name);
      status.textContent = '上传中…';
      fetch('api/import?user=' + encodeURIComponent(userSelect.value) + '&file=' + encodeURIComponent(file.name), {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: file
      }).then(function (res) {
        return res.json().then(function (json) { return { ok: res.ok, json: json }; });
      }).then(function (r) {
        status.textContent = '';
        upload.value = '';
        if (!r.ok) { add('error', r.json.error || '上传失败'); return; }
        r.json.replies.forEach(function (reply) { add('bot', replyText(reply), reply.buttons, reply.image); });
      }).catch(function () {
        status.textContent = '';
        add('error', '上传失败，请检查服务是否在运行。');
      });
    });
  }

  setInterval(poll, 3000);
})();
