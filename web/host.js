// The demo host page, as the admin panel embeds the portal: an iframe, and postMessage to and from the
// portal's exact origin only. ?portal=URL names the portal (default: this page's own origin).
(() => {
  'use strict';
  const frame = document.getElementById('portal-frame');
  const status = document.getElementById('host-status');
  const portalUrl = new URL(new URLSearchParams(location.search).get('portal') || 'index.html', location.href);
  const portalOrigin = portalUrl.origin;
  frame.src = portalUrl.href;

  const send = (message) => frame.contentWindow.postMessage(message, portalOrigin);
  for (const button of document.querySelectorAll('[data-theme]')) {
    button.addEventListener('click', () => {
      document.documentElement.dataset.theme = button.dataset.theme;
      send({ type: 'portal:set-theme', theme: button.dataset.theme });
    });
  }
  const locale = document.getElementById('host-locale');
  locale.addEventListener('change', () => send({ type: 'portal:set-locale', locale: locale.value }));

  window.addEventListener('message', (event) => {
    if (event.origin !== portalOrigin || event.source !== frame.contentWindow) {
      console.warn('host: ignored a message from', event.origin);
      return;
    }
    const data = event.data || {};
    if (data.type === 'portal:height' && Number.isFinite(data.height)) {
      frame.style.height = Math.max(480, Math.round(data.height)) + 'px';
    } else if (data.type === 'portal:ticket-opened') {
      status.textContent = `Ticket #${data.number} opened`;
    }
  });
})();
