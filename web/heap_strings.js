// Linked into portal.js ahead of the runtime (--pre-js, cmake/web.cmake), so the EM_JS shims of
// src/web/js_shims.cpp can call it; the mirror (web/mirror/mirror.js) calls it as Module.portalNewString. A string for the wasm: its UTF-8 bytes in memory from _malloc, ended
// by a NUL, which the receiver frees (web::taken, or the shim after the call). The browser's encoder
// copies in one call what the runtime's stringToUTF8 did byte by byte in JavaScript (the reader's
// catalog, 23 KB, took 10-20 ms of the start that way).
var portalEncoder = new TextEncoder();
function portalNewString(text) {
  var bytes = portalEncoder.encode(text);
  var ptr = _malloc(bytes.length + 1);
  HEAPU8.set(bytes, ptr);
  HEAPU8[ptr + bytes.length] = 0;
  return ptr;
}
Module['portalNewString'] = portalNewString;
