// The OAuth popup's last page: hands the provider's result (code and state, or an error) to the portal
// that opened it, addressed to the portal's exact origin, then closes.
(() => {
  'use strict';
  const params = new URLSearchParams(window.location.search);
  const result = {
    type: 'portal-google-sign-in',
    code: params.get('code') || '',
    state: params.get('state') || '',
    error_description: params.get('error_description') || (params.get('error') ? 'Google sign-in did not finish.' : ''),
    error_code: params.get('error_code') || '',  // the portal's own reason, said in the reader's language
    error_email: params.get('error_email') || '',  // the Google account's email, when no store user has it
  };
  const message = document.getElementById('message');
  message.textContent = window.portalSay('boot.callback.finishing');
  if (window.opener && !window.opener.closed) {
    window.opener.postMessage(result, window.location.origin);
    window.close();
    message.textContent = window.portalSay('boot.callback.signed_in');
  } else {
    message.textContent = window.portalSay('boot.callback.lost');
  }
})();
