// Baseline A's loader: the same streaming instantiation as the portal's, no progress bar.
window.Module = {
  canvas: document.getElementById('canvas'),
  instantiateWasm(imports, receive) {
    WebAssembly.instantiateStreaming(fetch('baseline_a.wasm'), imports).then((r) => receive(r.instance, r.module));
    return {};
  },
};
window.portal = { frames: () => (window.Module._portal_frames ? window.Module._portal_frames() : 0) };
const script = document.createElement('script');
script.src = 'baseline_a.js';
document.head.appendChild(script);
