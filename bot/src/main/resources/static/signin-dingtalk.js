// DingTalk in-app sign-in (免登): ask the JSAPI for an auth code, then hand it to crm-bot.
(function () {
  function start() {
    var main = document.getElementById('dingtalk-app');
    if (!main || typeof dd === 'undefined') {
      return;
    }
    var state = main.getAttribute('data-state');
    dd.ready(function () {
      dd.runtime.permission.requestAuthCode({
        corpId: main.getAttribute('data-corp-id'),
        onSuccess: function (r) {
          location.href = 'app/callback?code=' + encodeURIComponent(r.code) + '&state=' + encodeURIComponent(state);
        }
      });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
