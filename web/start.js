// Starts portal.wasm's download and compile as soon as the page's head is read: an async script, it
// runs when it arrives, not after the page's deferred scripts (boot.js ran 70-100 ms after navigation
// on a cold load, and the compile waited for it). boot.js takes the result (window.portalWasm): the
// compiled module, and the bytes received so far for its progress bar. No words here: words.js may
// not have run yet; boot.js says what went wrong in the reader's language.
(() => {
  'use strict';
  if (window.portalWasm) return;  // boot.js asked for this script again, and the first one ran after all
  const wasm = { received: 0, total: 0, onprogress: null };
  async function compile() {
    let response;
    try {
      response = await fetch('portal.wasm', { credentials: 'same-origin' });
    } catch (e) {
      throw Object.assign(new Error('download failed'), { download: 'failed' });
    }
    if (!response.ok) throw Object.assign(new Error('download status'), { download: 'status', status: response.status });
    // The response itself goes to the compiler: the browser then keeps the compiled code with the cached
    // file and a repeat visit skips compiling. A copy of it is read for the progress bar.
    wasm.total = Number(response.headers.get('x-decoded-content-length')) || 0;
    if (wasm.total && response.body) {
      const reader = response.clone().body.getReader();
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          wasm.received += value.byteLength;
          if (wasm.onprogress) wasm.onprogress();
        }
      })().catch(() => {});  // the compile reports a broken download
    }
    return WebAssembly.compileStreaming(response);
  }
  wasm.compiled = compile();
  wasm.compiled.catch(() => {});  // boot.js reports it when portal.js asks for the instance
  window.portalWasm = wasm;
})();
