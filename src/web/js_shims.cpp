// The EM_JS shims of js_shims.hpp. The macro makes each body one line of JavaScript, so every statement
// ends with a semicolon.
#include "web/js_shims.hpp"

#include <emscripten.h>

#include <cstdlib>

// Start-up.
EM_JS(void, js_ready, (), {
    if (window.portalBoot) window.portalBoot.ready();
});

EM_JS(void, js_container_size, (double* out), {
    if (!window.portalBoot) return;  // a page without boot.js: the runner's own size stands
    const size = window.portalBoot.size();
    for (let i = 0; i < 3; ++i) HEAPF64[(out >> 3) + i] = size[i];
});

// The reader's catalog, fetched by the page beside the wasm (web/boot.js): its language, then its text.
EM_JS(char*, js_boot_catalog, (int want_text), {
    const catalog = window.portalBoot ? window.portalBoot.firstCatalog : null;
    const text = catalog ? (want_text ? catalog.text : catalog.lang) : "";
    return portalNewString(text);
});

// Another language's catalog, which the page fetches under its built name; answered by portal_catalog.
EM_JS(void, js_fetch_catalog, (const char* lang), {
    const name = UTF8ToString(lang);
    const answer = (ok, text) => {
        const l = portalNewString(name);
        const t = portalNewString(text);
        Module._portal_catalog(l, ok, t);
        _free(l);
        _free(t);
    };
    window.portalBoot.catalog(name).then((text) => answer(1, text), () => answer(0, ""));
});

// Also asks, once the page is idle (within a second), for the glyphs the first font atlas left out
// (portal_idle).
EM_JS(void, js_first_frame, (), {
    window.portalFirstFrameAt = performance.now();
    (self.requestIdleCallback || ((f) => setTimeout(f, 300)))(() => _portal_idle(), { timeout: 1000 });
});

// The browser's clock, time zone, language, origin and randomness.
EM_JS(double, js_now_seconds, (), { return Math.floor(Date.now() / 1000); });

// getTimezoneOffset is minutes west of UTC.
EM_JS(int, js_user_offset_at, (double utc_seconds), {
    return -new Date(utc_seconds * 1000).getTimezoneOffset() * 60;
});

EM_JS(char*, js_user_zone_name, (), {
    // boot.js reads it after the first frame (portal_set_zone): empty until then. A page without boot.js
    // (tests) asks Intl here.
    const zone = window.portalBoot ? "" : Intl.DateTimeFormat().resolvedOptions().timeZone;
    return portalNewString(zone || "");
});

EM_JS(char*, js_browser_locale, (), {
    const tag = navigator.language || 'en';
    return portalNewString(tag);
});

EM_JS(char*, js_origin, (), {
    const origin = window.location.origin;
    return portalNewString(origin);
});

EM_JS(void, js_random_bytes, (char* out, int count), { crypto.getRandomValues(HEAPU8.subarray(out, out + count)); });

// localStorage. Whether this browser had a session: a reload then tries the refresh cookie.
EM_JS(void, js_remember_session, (int yes), {
    try {
        if (yes) localStorage.setItem("portal.session", "1"); else localStorage.removeItem("portal.session");
    } catch (e) {}
});
EM_JS(int, js_had_session, (), {
    try { return localStorage.getItem("portal.session") === "1" ? 1 : 0; } catch (e) { return 0; }
});

// Drafts live in localStorage per user and account (text only: attachments are stored on the server
// as soon as they are chosen, and the draft keeps their ids). A full or blocked storage is only logged
// to the console for now: the portal does not tell the person yet.
EM_JS(int, js_save_draft, (const char* key, const char* text), {
    try {
        const k = UTF8ToString(key), t = UTF8ToString(text);
        if (t) localStorage.setItem(k, t); else localStorage.removeItem(k);
        return 1;
    } catch (e) { console.warn("portal: the draft could not be saved in this browser", e.name); return 0; }
});
// Everything the portal keeps in this browser (keys "portal.*"), as one JSON object; "{}" when storage
// is blocked.
EM_JS(char*, js_stored_items, (), {
    const items = {};
    try {
        for (let i = 0; i < localStorage.length; ++i) {
            const key = localStorage.key(i);
            if (key && key.startsWith("portal.")) items[key] = localStorage.getItem(key) || "";
        }
    } catch (e) {}
    const text = JSON.stringify(items);
    return portalNewString(text);
});
// What another tab of this browser saves or deletes under "portal.*", told to portal_stored_changed.
EM_JS(void, js_watch_storage, (), {
    window.addEventListener("storage", (e) => {
        if (e.storageArea !== localStorage || !e.key || !e.key.startsWith("portal.")) return;
        const key = portalNewString(e.key), text = portalNewString(e.newValue || "");
        _portal_stored_changed(key, text);
        _free(key);
        _free(text);
    });
});
// A browser-kept choice (the language, the account).
EM_JS(void, js_keep_choice, (const char* name, const char* value), {
    try {
        localStorage.setItem(UTF8ToString(name), UTF8ToString(value));
    } catch (e) { console.warn("portal: a choice could not be kept", e.name); }
});

// New windows.
EM_JS(void, js_open_url, (const char* url), {
    const w = window.open(UTF8ToString(url), "_blank", "noopener,noreferrer");
    if (!w) console.warn("portal: the browser blocked opening a new tab");
});

// The provider needs a top-level window of its own (it refuses to be framed); the popup keeps its
// opener so that callback.html can post the result back.
EM_JS(int, js_open_popup, (const char* path), {
    const popup = window.open(UTF8ToString(path), "portal-sign-in", "popup,width=480,height=680");
    return popup ? 1 : 0;
});

// An API call (js_shims.hpp); its answer, text, goes to portal_http_done.
EM_JS(void, js_http_send, (int id, const char* method, const char* path, const char* headers, const char* body,
                          int body_length, int timeout_ms), {
    const init = { method: UTF8ToString(method), credentials: "same-origin", headers: [] };
    for (const line of UTF8ToString(headers).split("\n")) {
        const colon = line.indexOf(": ");
        if (colon > 0) init.headers.push([line.slice(0, colon), line.slice(colon + 2)]);
    }
    if (body_length > 0) init.body = HEAPU8.slice(body, body + body_length);
    const abort = new AbortController();
    init.signal = abort.signal;
    const timer = setTimeout(() => abort.abort(), timeout_ms);
    const answer = (status, text) => {
        clearTimeout(timer);
        const ptr = portalNewString(text);
        _portal_http_done(id, status, ptr);
        _free(ptr);
    };
    fetch(UTF8ToString(path), init)
        .then((response) => response.text().then((text) => [response.status, text]))
        .then(([status, text]) => answer(status, text), () => answer(0, ""));
});

// Uploads a file the page holds (handle > 0: web/mirror/files.js keeps chosen Files by handle) as
// multipart/form-data, or (handle 0) downloads one of the portal's files and hands it to the browser's
// downloads as `name` (a plain link could not carry the token). Answered through portal_file_done with
// the status (0: no connection) and the server's answer (empty for a download that arrived).
EM_JS(void, js_file_request, (int id, int handle, const char* path, const char* bearer, const char* name), {
    const files = window.portalFiles;
    const call = handle ? files.upload(handle, UTF8ToString(path), UTF8ToString(bearer))
                        : files.download(UTF8ToString(path), UTF8ToString(bearer), UTF8ToString(name));
    call.then(([status, body]) => {
        const ptr = portalNewString(body);
        _portal_file_done(id, status, ptr);
        _free(ptr);
    });
});
// Each block of text/event-stream is parsed as the standard has it (id, event, data lines; comments
// skipped); what the portal uses goes to portal_live as JSON: opened, ticket (with the event's id and
// data), reset, ended (the server's reason), failed (the HTTP status, 0 for a dropped connection).
EM_JS(void, js_live_open, (int version, const char* bearer, const char* last_event_id), {
    const live = window.portalLive || (window.portalLive = {});
    if (live.abort) live.abort.abort();
    const abort = new AbortController();
    live.abort = abort;
    const send = (news) => {
        if (abort.signal.aborted) return;
        const text = JSON.stringify(news);
        const ptr = portalNewString(text);
        _portal_live(version, ptr);
        _free(ptr);
    };
    const headers = { Authorization: "Bearer " + UTF8ToString(bearer) };
    const last = UTF8ToString(last_event_id);
    if (last !== "0") headers["Last-Event-ID"] = last;
    let ended = false;
    const block = (text) => {
        let id = "", event = "message", data = "";
        for (const line of text.split("\n")) {
            if (line === "" || line.startsWith(":")) continue;
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            let value = colon < 0 ? "" : line.slice(colon + 1);
            if (value.startsWith(" ")) value = value.slice(1);
            if (field === "id") id = value;
            else if (field === "event") event = value;
            else if (field === "data") data += (data ? "\n" : "") + value;
        }
        let body = {};
        try { body = data ? JSON.parse(data) : {}; } catch (e) { return; }
        if (event === "ticket") send(Object.assign({ kind: "ticket", id: Number(id) || 0 }, body));
        else if (event === "reset") send({ kind: "reset" });
        else if (event === "end") { ended = true; send({ kind: "ended", reason: String(body.reason || "") }); }
    };
    fetch("/api/events", { headers: headers, signal: abort.signal, cache: "no-store" }).then((res) => {
        if (!res.ok || !res.body) { send({ kind: "failed", status: res.status }); return; }
        send({ kind: "opened" });
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        const pump = () => reader.read().then((step) => {
            if (step.done) { if (!ended) send({ kind: "failed", status: 0 }); return; }
            buffer += decoder.decode(step.value, { stream: true }).split(String.fromCharCode(13)).join("");
            for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
                block(buffer.slice(0, cut));
                buffer = buffer.slice(cut + 2);
            }
            return pump();
        });
        return pump();
    }).catch(() => send({ kind: "failed", status: 0 }));
});
EM_JS(void, js_live_close, (), {
    const live = window.portalLive;
    if (live && live.abort) { live.abort.abort(); live.abort = null; }
});
EM_JS(void, js_start_timer, (int ms, int kind, int version), {
    setTimeout(() => _portal_timer(kind, version), ms);
});

// The screen's address in the address bar: a new history entry for a screen the user opened, the
// current one replaced when the portal corrected an address the browser reached (back, a link).
EM_JS(void, js_show_route, (const char* hash, int replace), {
    const h = UTF8ToString(hash);
    if (location.hash === h) return;
    try { history[replace ? "replaceState" : "pushState"](null, "", h); } catch (e) { location.hash = h; }
});
// The screen's name as the page title, and said by the live region when the screen changes.
EM_JS(void, js_show_title, (const char* title, int announce), {
    const t = UTF8ToString(title);
    document.title = t;
    if (announce && window.portalMirror) window.portalMirror.announce(document.title);
});
// The page's language follows the portal's (screen readers pick their voice by it).
EM_JS(void, js_show_language, (const char* lang), {
    document.documentElement.lang = UTF8ToString(lang);
});
// Addresses reached by the browser (back, forward, a link, one typed) come back as portal_route.
EM_JS(void, js_watch_route, (), {
    const send = () => {
        const h = location.hash;
        const ptr = portalNewString(h);
        _portal_route(ptr);
        _free(ptr);
    };
    window.addEventListener("popstate", send);
    window.addEventListener("hashchange", send);
    send();  // the address the page was opened at
});

// The semantics mirror.
EM_JS(void, js_mirror_update, (const char* json), {
    if (window.portalMirror) window.portalMirror.update(UTF8ToString(json));
});

// To the page that embeds the portal.
EM_JS(void, js_report_height, (int height), {
    if (window.portalEmbed) window.portalEmbed.report({ type: "portal:height", height: height });
});
EM_JS(void, js_report_ticket, (const char* id, double number), {
    if (window.portalEmbed) {
        window.portalEmbed.report({ type: "portal:ticket-opened", id: UTF8ToString(id), number: number });
    }
});

namespace web {

std::string taken(char* text) {
    std::string value = text ? text : "";
    std::free(text);
    return value;
}


}  // namespace web
