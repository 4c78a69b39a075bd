// Baseline A's loader: the same streaming instantiation as the portal's, no progress bar.
window.Module = {
  canvas: document.getElementById('canvas'),
  instantiateWasm(imports, receive) {
    WebAssembly.instantiateStreaming(fetch('baseline_a.wasm'), imports).then((r) => receive(r.instance, r.module));
    return {};
  },
};
// 0 until the first frame (the export exists before the wasm is instantiated).
window.portal = { frames: () => (window.portalFirstFrameAt !== undefined ? window.Module._portal_frames() : 0) };
const script = document.createElement('script');
script.src = 'baseline_a.js';
document.head.appendChild(script);
