// Loads the portal: shows download progress while portal.wasm streams in (it compiles as it downloads),
// fetches the reader's catalog (assets/i18n) beside it and the others when the reader switches,
// reports failures with a way to retry, keeps the canvas the size of its container, and exposes
// window.portal for benchmarks and tests.
(() => {
  'use strict';
  const wrapper = document.getElementById('portal');
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('loading');
  const progressBox = loading.querySelector('.portal-progress');
  const progressBar = loading.querySelector('.portal-progress-bar');
  const errorLine = loading.querySelector('.portal-error');
  const retry = loading.querySelector('.portal-retry');
  let readyResolve;
  const ready = new Promise((resolve) => { readyResolve = resolve; });
  const say = window.portalSay;  // words.js: the catalogs' boot.* words in the reader's language
  document.getElementById('loading-label').textContent = say('boot.loading');
  retry.textContent = say('boot.retry');

  // The catalogs under their built names (tools/hash-names.mjs rewrites them). Only the reader's is
  // fetched at start, beside the wasm: words.js chose the language (the page's lang), and the page's own
  // script started fetching the same one with the page (window.portalStart, shell.html), taken here once.
  // A catalog that could not be fetched is tried again when asked.
  const catalogFiles = { en: 'i18n-en.json', es: 'i18n-es.json', pt: 'i18n-pt.json' };
  const catalogs = {};
  function fetchCatalog(lang) {
    if (!catalogs[lang]) {
      const early = window.portalStart && window.portalStart.lang === lang ? window.portalStart.catalog : null;
      if (early) window.portalStart.catalog = null;
      const fetched = (early || fetch(catalogFiles[lang], { credentials: 'same-origin' })).then((response) => {
        if (!response.ok) throw new Error(say('boot.download_status', { status: response.status }));
        return response.text();
      });
      fetched.catch(() => { if (catalogs[lang] === fetched) delete catalogs[lang]; });
      catalogs[lang] = fetched;
    }
    return catalogs[lang];
  }
  const firstLang = Object.hasOwn(catalogFiles, document.documentElement.lang) ? document.documentElement.lang : 'en';
  const firstCatalog = fetchCatalog(firstLang);

  function progress(fraction) {
    const percent = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    progressBar.style.width = percent + '%';
    progressBox.setAttribute('aria-valuenow', String(percent));
  }

  function fail(message) {
    errorLine.textContent = message;
    errorLine.hidden = false;
    retry.hidden = false;
    loading.hidden = false;
  }
  retry.addEventListener('click', () => window.location.reload());

  // portal.wasm, compiled as it arrives, and a copy of it read for the progress bar. The page's own
  // script started both with the page (window.portalStart, shell.html); a page without it starts them
  // here.
  function start() {
    return fetch('portal.wasm', { credentials: 'same-origin' }).then((response) => {
      if (!response.ok) return { response };
      // The response itself goes to the compiler (so the browser may keep the compiled code with the
      // cached file; measured, a visit with no tab of the portal open still compiles: bench/first_load.mjs);
      // the copy is for the progress bar.
      const copy = response.clone();
      return { response: copy, module: WebAssembly.compileStreaming(response) };
    });
  }
  async function compile() {
    let started;
    try {
      started = await (window.portalStart ? window.portalStart.wasm : start());
    } catch (e) {
      throw new Error(say('boot.download_failed'));
    }
    const { response, module } = started;
    if (!response.ok) throw new Error(say('boot.download_status', { status: response.status }));
    const total = Number(response.headers.get('x-decoded-content-length')) || 0;
    if (total && response.body) {
      const reader = response.body.getReader();
      let received = 0;
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += value.byteLength;
          progress(0.95 * received / total);
        }
      })().catch(() => {});  // the compile reports a broken download
    }
    return module;
  }
  const compiled = compile();
  compiled.catch(() => {});  // reported when portal.js asks for the instance

  const containerSize = () => {
    const rect = wrapper.getBoundingClientRect();
    return [rect.width, rect.height, window.devicePixelRatio || 1];
  };
  function followContainer() {
    const resize = () => window.Module._portal_resize(...containerSize());
    new ResizeObserver(resize).observe(wrapper);
    // A change of devicePixelRatio (zoom, another screen) re-renders the font crisply.
    const watchRatio = () => {
      matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener('change', () => {
        resize();
        watchRatio();
      }, { once: true });
    };
    watchRatio();
    resize();
  }

  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    instantiateWasm(imports, receive) {
      // The portal draws its first frame in the reader's language: it starts once both arrived.
      const words = firstCatalog.catch(() => { throw new Error(say('boot.download_failed')); });
      const instance = compiled.then((module) => WebAssembly.instantiate(module, imports).then((i) => [i, module]));
      Promise.all([instance, words])
        .then(([[result, module], text]) => {
          window.portalBoot.firstCatalog = { lang: firstLang, text };
          progress(1);
          receive(result, module);
        })
        .catch((error) => fail(error.message));
      return {};
    },
    onAbort: () => fail(say('boot.stopped')),
  };

  // Embedding. The admin page that frames the portal talks to it by postMessage only, from the exact
  // origins the server allows (GET /api/embedding: the same list as its CSP frame-ancestors) and its
  // own. The host may set the locale and the theme; the portal tells it its preferred height and the
  // tickets it opened (the runner reports each only when it changed). Messages from any other origin
  // are ignored and logged.
  // A page not in a frame has no host to hear: it asks the server nothing.
  const embedded = window.parent !== window;
  let allowedOrigins = [];
  const embedding = !embedded ? Promise.resolve() : fetch('api/embedding', { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : { origins: [] }))
    .then((body) => { allowedOrigins = Array.isArray(body.origins) ? body.origins.map(String) : []; })
    .catch(() => { allowedOrigins = []; });
  const isAllowed = (origin) => allowedOrigins.includes(origin) || origin === window.location.origin;
  // The framing page's origin, when it is an allowed one.
  const hostOrigin = () => {
    const ancestors = window.location.ancestorOrigins;
    let origin = ancestors && ancestors.length ? ancestors[0] : '';
    if (!origin && document.referrer) origin = new URL(document.referrer).origin;
    return isAllowed(origin) ? origin : null;
  };
  window.portalEmbed = {
    report(message) {
      if (!embedded) return;
      embedding.then(() => {
        const origin = hostOrigin();
        if (origin) window.parent.postMessage(message, origin);
      });
    },
  };

  const withText = (text, use) => window.portalMirror.withString(String(text), use);
  // The reader's own colour scheme and pointer, followed as they change; a theme the host page sets
  // wins over the colour scheme from then on.
  let hostChoseTheme = false;
  function followReader() {
    const dark = matchMedia('(prefers-color-scheme: dark)');
    const coarse = matchMedia('(pointer: coarse)');
    const scheme = () => { if (!hostChoseTheme) window.Module._portal_set_theme(dark.matches ? 1 : 0); };
    const pointer = () => window.Module._portal_set_pointer(coarse.matches ? 1 : 0);
    dark.addEventListener('change', scheme);
    coarse.addEventListener('change', pointer);
    scheme();
    pointer();
  }
  function fromHost(data) {
    if (!data || typeof data !== 'object') return;
    if (data.type === 'portal:set-theme' && (data.theme === 'dark' || data.theme === 'light')) {
      hostChoseTheme = true;
      document.documentElement.dataset.theme = data.theme;
      window.Module._portal_set_theme(data.theme === 'dark' ? 1 : 0);
    } else if (data.type === 'portal:set-locale' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(String(data.locale))) {
      withText(data.locale, (ptr) => window.Module._portal_set_locale(ptr, 1));
    } else {
      console.warn('portal: ignored a message the portal does not know:', data.type);
    }
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    // The sign-in popup's result, posted by callback.html from this exact origin.
    if (event.origin === window.location.origin && data && data.type === 'portal-google-sign-in') {
      ready.then(() => withText(data.code || '', (code) => withText(data.state || '', (state) =>
        withText(data.error_description || '', (error) => withText(data.error_code || '', (errorCode) =>
          withText(data.error_email || '', (email) => window.Module._portal_google_result(code, state, error, errorCode, email)))))));
      return;
    }
    Promise.all([embedding, ready]).then(() => {
      if (embedded && event.source === window.parent && isAllowed(event.origin)) fromHost(data);
      else console.warn('portal: ignored a message from', event.origin);
    });
  });

  // The mirror lays real, transparent words over the drawn ones (selection, find in page): in the
  // canvas's own face, from the bytes the wasm carries, so they line up on any machine.
  function loadCanvasFont() {
    if (!window.FontFace || !document.fonts) return;
    const M = window.Module;
    for (const weight of [400, 500, 600]) {
      const at = M._portal_font_bytes(weight), length = M._portal_font_length(weight);
      if (!at || !length) continue;
      const face = new FontFace('PortalInter', M.HEAPU8.slice(at, at + length), { weight: String(weight) });
      document.fonts.add(face);
      face.load().catch(() => {});  // the mirror falls back to the next family in portal.css
    }
  }

  window.portalBoot = {
    firstCatalog: null,  // { lang, text }: read by the portal at start (js_boot_catalog)
    catalog: fetchCatalog,  // the portal asks for another language's (js_fetch_catalog)
    size: containerSize,  // the portal's box before it starts (js_container_size)
    ready() {
      followContainer();
      window.portalMirror = new window.PortalMirror(wrapper, canvas, document.getElementById('mirror'), window.Module);
      loading.hidden = true;
      started = true;
      // The language picked on screen at an earlier visit, else the browser's (words.js chose it), until
      // the host page sets one.
      withText(window.portalLocale, (ptr) => window.Module._portal_set_locale(ptr, 0));
      followReader();
      loadCanvasFont();
      // Once the first frame is on screen, the reader's time zone, named beside deadlines: the browser's
      // first Intl call loads its zone data (20-35 ms), which delayed the first frame when read before.
      requestAnimationFrame(() => setTimeout(() => {
        let zone = '';
        try {
          zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
        } catch (e) {}
        if (zone) withText(zone, (ptr) => window.Module._portal_set_zone(ptr));
      }, 0));
      readyResolve();
    },
  };

  let started = false;
  window.portal = {
    ready,
    // 0 until the portal runs (the export exists before the wasm is instantiated).
    frames: () => (started ? window.Module._portal_frames() : 0),
  };

  // portal.js is the page's next deferred script: it runs right after this one, with Module set above.
  document.getElementById('portal-js').addEventListener('error', () => fail(say('boot.download_failed')));
})();
