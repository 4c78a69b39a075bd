#pragma once
// The page's JavaScript that the runner calls: small EM_JS functions (js_shims.cpp), grouped by purpose.
// Strings returned as char* are allocated by the page; `taken` frees them.
#include <string>

extern "C" {

// Start-up: the page shows the canvas (web/boot.js) and the bench reads when the first frame was drawn.
void js_ready();
// The portal's box in CSS pixels and the device pixel ratio, as the page lays it out now: {width, height,
// ratio}, so the canvas is made its size once, before the GL context, rather than again after it.
void js_container_size(double* out);
void js_first_frame();
char* js_boot_catalog(int want_text);  // the reader's catalog handed over at start: its language (0) or text (1)
void js_fetch_catalog(const char* lang);  // fetches another catalog; answered by portal_catalog

// The browser's clock, time zone, language, origin and randomness.
double js_now_seconds();
int js_user_offset_at(double utc_seconds);  // seconds east of UTC at that instant
char* js_user_zone_name();
char* js_browser_locale();
char* js_origin();
void js_random_bytes(char* out, int count);

// localStorage: flags and choices, never a secret. Storage may be blocked; reads then give nothing.
void js_remember_session(int yes);
int js_had_session();
int js_save_draft(const char* key, const char* text);  // 0 when the browser refused to keep it
char* js_stored_items();  // JSON: {"portal.draft...": "...", ...}
void js_watch_storage();
void js_keep_choice(const char* name, const char* value);

// New windows: a tab without opener, the sign-in provider's popup (0 when the browser blocked it).
void js_open_url(const char* url);
int js_open_popup(const char* path);

// The portal's API calls, by the browser's fetch: same-origin, so the HttpOnly refresh cookie travels with
// the calls that need it. `headers` is "Name: value" lines; the body is sent as the bytes it is (no
// Content-Type but the one in `headers`). The answer comes back through the exported portal_http_done:
// the status and body, or status 0 when no answer came (a dropped connection, no network, or none within
// `timeout_ms`).
void js_http_send(int id, const char* method, const char* path, const char* headers, const char* body, int body_length,
                  int timeout_ms);

// Calls the page answers later, through the exported portal_file_done and portal_timer.
void js_file_request(int id, int handle, const char* path, const char* bearer, const char* name);
void js_start_timer(int ms, int kind, int version);
// The live updates' stream (GET /api/events, read with fetch: it sends the token, which EventSource
// cannot): its news come back through portal_live(version, json). Opening one ends the one before.
void js_live_open(int version, const char* bearer, const char* last_event_id);
void js_live_close();

// The address bar, the title and the page's language; addresses the browser reaches come back as
// portal_route.
void js_show_route(const char* hash, int replace);
void js_show_title(const char* title, int announce);
void js_show_language(const char* lang);
void js_watch_route();

// The semantics mirror (web/mirror/): the frame's items as JSON.
void js_mirror_update(const char* json);

// To the page that embeds the portal (web/boot.js posts it there if its origin is allowed).
void js_report_height(int height);
void js_report_ticket(const char* id, double number);

}  // extern "C"

namespace web {

// A string the page allocated for the portal (the js_* functions above that return char*), freed here.
std::string taken(char* text);

}  // namespace web
