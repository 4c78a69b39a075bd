// Part of the served mirror.js (see web/mirror/mirror.js).
(() => {
  'use strict';
  // Files chosen in the page, held for the portal to upload (by handle; never read into wasm; kept after
  // an upload, which the portal sends again when the sign-in had expired), and the portal's files on
  // their way to the browser's downloads. Both answer [status, body] and never fail: status 0 is no
  // connection.
  const files = new Map();
  let nextHandle = 1;
  const answer = (r) => r.text().then((t) => [r.status, t]);
  const offline = () => [0, ''];
  window.portalFiles = {
    keep(file) { const h = nextHandle++; files.set(h, file); return h; },
    upload(handle, path, bearer) {
      const file = files.get(handle);
      if (!file) return Promise.resolve([410, JSON.stringify({ error: 'file_gone', message: 'The page no longer has this file. Choose it again.' })]);
      const form = new FormData();
      form.append('file', file, file.name);
      return fetch(path, { method: 'POST', body: form, headers: { Authorization: 'Bearer ' + bearer } })
        .then(answer).catch(offline);
    },
    // Fetched with the sign-in (a plain link could not carry it), then saved under the file's own name.
    download(path, bearer, name) {
      return fetch(path, { headers: { Authorization: 'Bearer ' + bearer } }).then((r) => {
        if (!r.ok) return answer(r);
        return r.blob().then((blob) => {
          const url = URL.createObjectURL(blob);
          const a = document.createElement('a');
          a.href = url;
          a.download = name;
          a.hidden = true;
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 60000);
          return [r.status, ''];
        });
      }).catch(offline);
    },
  };
})();
