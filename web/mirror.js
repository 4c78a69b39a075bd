// The semantics mirror: each frame's items (from Dear ImGui's item hooks) become invisible DOM elements
// with ARIA roles and accessible names over the canvas, so screen readers, keyboard users, password
// managers and browser tests meet real controls. Pointer input is forwarded to the portal, except the
// presses on clickable elements (buttons, links, checkboxes, radios): those act through their DOM
// `click`, whoever caused it (a mouse, a finger, a key, a screen reader), so one press acts once.
(() => {
  'use strict';
  const clickable = (el) => el instanceof Element && el.closest('.portal-mirror') &&
    (el.tagName === 'BUTTON' || el.tagName === 'A' || el.type === 'checkbox' || el.type === 'radio');

  function utf8Length(text) { return new TextEncoder().encode(text).length; }

  // Words drawn on the canvas (text, headings, statuses): real, selectable text laid over them.
  const wordsOf = (el) => {
    const words = el instanceof Element && el.closest('.portal-mirror > [data-role]');
    return words && /^(text|heading|status)$/.test(words.dataset.role) && !el.closest('a') ? words : null;
  };

  class PortalMirror {
    constructor(wrapper, canvas, root, module) {
      this.wrapper = wrapper;
      this.canvas = canvas;
      this.root = root;
      this.module = module;
      this.elements = new Map();  // item id -> element
      this.composing = false;
      this.pendingChoice = null;
      this.requestedText = null;  // the text field the page's focus asked the portal to edit
      // Screen changes are said through this live region (announce()). Statuses and errors are live
      // regions themselves (role=status): created empty, their text set a moment later, so that a
      // screen reader says them when they appear too, not only when they change.
      this.announcer = document.createElement('div');
      this.announcer.className = 'portal-announcer';
      this.announcer.setAttribute('aria-live', 'polite');
      this.announcer.setAttribute('aria-atomic', 'true');
      wrapper.appendChild(this.announcer);
      // The mirror root scrolls like the portal window: a spacer gives it the content's height, and
      // items sit at their content positions, so scrolling one scrolls the other.
      this.spacer = document.createElement('div');
      this.spacer.className = 'portal-mirror-spacer';
      this.spacer.setAttribute('aria-hidden', 'true');
      this.root.appendChild(this.spacer);
      this.expectedScroll = null;
      this.listen();
    }

    call(name, ...args) { return this.module['_' + name](...args); }

    withString(text, fn) {
      const size = this.module.lengthBytesUTF8(text) + 1;
      const ptr = this.module._malloc(size);
      this.module.stringToUTF8(text, ptr, size);
      try { fn(ptr); } finally { this.module._free(ptr); }
    }

    position(event) {
      const rect = this.canvas.getBoundingClientRect();
      return [event.clientX - rect.left, event.clientY - rect.top];
    }

    listen() {
      const w = this.wrapper;
      // A press on words starts the page's own text selection; only when it ends without selecting
      // anything (a click) does the portal get it, as a press and a release where it ended.
      this.pressOnWords = false;
      // A finger also drags the page (the canvas takes every touch, so the browser never pans it).
      const touch = (e, kind) => {
        if (e.pointerType !== 'touch') return;
        const [x, y] = this.position(e);
        this.call('portal_touch', x, y, kind, e.timeStamp);
      };
      w.addEventListener('pointerdown', (e) => {
        touch(e, 0);
        const [x, y] = this.position(e);
        this.call('portal_pointer', x, y, 0, 0);
        this.pressOnWords = Boolean(wordsOf(e.target));
        if (this.pressOnWords) return;
        if (!clickable(e.target)) this.call('portal_pointer', x, y, 1, e.button);
        if (e.target === this.canvas) {
          e.preventDefault();  // keep focus where it is
          this.requestedText = null;  // what the portal edits next is its own choice
        }
      });
      w.addEventListener('pointermove', (e) => {
        touch(e, 1);
        const [x, y] = this.position(e);
        this.call('portal_pointer', x, y, 0, 0);
      });
      w.addEventListener('pointerup', (e) => {
        touch(e, 2);
        const [x, y] = this.position(e);
        if (this.pressOnWords) {
          this.pressOnWords = false;
          const selection = window.getSelection();
          if (selection && !selection.isCollapsed) return;  // the words were selected: nothing to click
          this.call('portal_pointer', x, y, 1, e.button);
        } else if (clickable(e.target)) {
          return;
        }
        this.call('portal_pointer', x, y, 2, e.button);
      });
      w.addEventListener('pointercancel', (e) => {
        touch(e, 2);
        const [x, y] = this.position(e);
        if (this.pressOnWords) { this.pressOnWords = false; return; }
        if (!clickable(e.target)) this.call('portal_pointer', x, y, 2, e.button);
      });
      w.addEventListener('pointerleave', () => this.call('portal_pointer', 0, 0, 3, 0));
      // Tab belongs to the page: it moves the focus through the mirror's elements in visual order, also
      // from the canvas. SDL's handler on the canvas would cancel it and hand it to Dear ImGui, whose own
      // tabbing then activated the next text field in place of a button pressed in the same frame (under
      // load a "Send code" pressed from the keyboard did nothing, and typed digits went to another field).
      for (const type of ['keydown', 'keyup']) {
        w.addEventListener(type, (e) => { if (e.key === 'Tab' && e.target === this.canvas) e.stopPropagation(); }, true);
      }
      w.addEventListener('wheel', (e) => {
        e.preventDefault();
        const scale = e.deltaMode === 1 ? 1 / 3 : 1 / 100;  // lines or pixels to ImGui's wheel steps
        this.call('portal_wheel', -e.deltaX * scale, -e.deltaY * scale);
      }, { passive: false });
      this.root.addEventListener('focusin', (e) => {
        const id = Number(e.target.dataset.id || 0);
        this.call('portal_mirror_focus', e.target.matches(':focus-visible') ? id : 0);
        if (e.target.matches('input:not([type=checkbox]):not([type=radio]), textarea') && this.activeText !== id) {
          this.requestedText = id;
          this.call('portal_mirror_click', id);
        }
      });
      this.root.addEventListener('focusout', () => this.call('portal_mirror_focus', 0));
      // A virtual keyboard (or any shrink of the visible area) must not hide the field being typed in: once
      // the portal has laid out the smaller page, the mirror scrolls that field into view and the portal
      // window follows the mirror's scroll.
      let settle = 0;
      (window.visualViewport || window).addEventListener('resize', () => {
        clearTimeout(settle);
        settle = setTimeout(() => {
          const el = document.activeElement;
          if (el && this.root.contains(el) && el.matches('input, textarea')) el.scrollIntoView({ block: 'center' });
        }, 150);
      });
      this.root.addEventListener('scroll', () => {
        const y = this.root.scrollTop;
        if (this.expectedScroll !== null && Math.abs(y - this.expectedScroll) < 1) return;  // our own
        this.expectedScroll = null;
        this.call('portal_scroll', y);
      });
    }

    create(item) {
      let el;
      switch (item.role) {
        case 'button': el = document.createElement('button'); el.type = 'button'; break;
        case 'link':
          el = document.createElement('a');
          el.target = '_blank';
          el.rel = 'noopener noreferrer';
          break;
        case 'checkbox': case 'radio':
          el = document.createElement('input'); el.type = item.role; break;
        case 'tab':
          el = document.createElement('button');
          el.type = 'button';
          el.setAttribute('role', 'tab');
          el.id = 'portal-item-' + item.id;  // for its tablist's aria-owns (groupTabs)
          break;
        case 'slider': el = document.createElement('input'); el.type = 'range'; break;
        case 'file':
          // A real file input: the browser's chooser, keyboard, screen readers and tests' setInputFiles.
          el = document.createElement('input');
          el.type = 'file';
          el.multiple = true;
          el.addEventListener('change', () => {
            for (const file of el.files) {
              const handle = window.portalFiles.keep(file);
              this.withString(file.name, (ptr) => this.call('portal_file_chosen', handle, ptr, file.size));
            }
            // The batch ends with the chooser's target: the form's, or a ticket's.
            this.withString(el.dataset.target || '', (ptr) => this.call('portal_file_chosen', 0, ptr, 0));
            el.value = '';  // the same file may be chosen again after a refusal
          });
          break;
        case 'textbox':
          el = document.createElement(item.multiline ? 'textarea' : 'input');
          if (!item.multiline) el.type = item.type;
          el.spellcheck = false;
          this.listenText(el);
          break;
        case 'heading': el = document.createElement('h' + Math.min(6, Math.max(1, item.level || 2))); break;
        case 'status': el = document.createElement('p'); el.setAttribute('role', 'status'); break;
        default: el = document.createElement('p'); break;
      }
      el.dataset.id = String(item.id);
      el.dataset.role = item.role;
      el.dataset.kind = item.type || '';
      if (el.tagName === 'BUTTON' || el.tagName === 'A' || el.type === 'checkbox' || el.type === 'radio') {
        el.addEventListener('click', (e) => {
          if (el.tagName === 'A') e.preventDefault();  // the portal opens it (no second tab)
          if (el.type === 'checkbox' || el.type === 'radio') {
            // The browser has already changed the input; the portal catches up a few frames later. Until
            // it does, frames drawn before it saw the click must not undo the change.
            this.pendingChoice = { group: el.name || el.dataset.id, id: el.dataset.id, checked: el.checked,
              until: performance.now() + 1000 };
          }
          this.call('portal_mirror_click', Number(el.dataset.id));
        });
      }
      return el;
    }

    // Says `text` through the live region (the same text again is said again).
    announce(text) {
      this.announcer.textContent = this.announcer.textContent === text ? text + '\u00a0' : text;
    }

    listenText(el) {
      const send = () => {
        if (this.composing) return;
        const value = el.value;
        const start = utf8Length(value.slice(0, el.selectionStart ?? value.length));
        const end = utf8Length(value.slice(0, el.selectionEnd ?? value.length));
        this.withString(value, (ptr) => this.call('portal_mirror_text', Number(el.dataset.id), ptr, start, end));
      };
      el.addEventListener('input', send);
      el.addEventListener('change', send);
      // Enter submits a one-line field's step, Ctrl/Cmd+Enter a textarea's (its Enter is a new line);
      // the page's keys never reach the canvas, so the portal is told in words.
      el.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter' || e.isComposing || e.keyCode === 229 || e.altKey || e.shiftKey) return;
        if (el.tagName === 'TEXTAREA' && !(e.ctrlKey || e.metaKey)) return;
        e.preventDefault();
        send();
        this.call('portal_mirror_submit', Number(el.dataset.id));
      });
      el.addEventListener('compositionstart', () => { this.composing = true; });
      el.addEventListener('compositionend', () => { this.composing = false; send(); });
    }

    apply(el, item) {
      const label = item.label;
      // More about the item than its name (a row's exact last activity): a tooltip, and what a screen
      // reader says after the name.
      const description = item.description || '';
      if ((el.getAttribute('aria-description') || '') !== description) {
        if (description) {
          el.setAttribute('aria-description', description);
          el.title = description;
        } else {
          el.removeAttribute('aria-description');
          el.removeAttribute('title');
        }
      }
      if (item.role === 'textbox' || item.role === 'checkbox' || item.role === 'radio' || item.role === 'slider' ||
          item.role === 'file') {
        if (el.getAttribute('aria-label') !== label) el.setAttribute('aria-label', label);
      } else if (item.role === 'status' && !el.isConnected) {
        el.dataset.text = label;  // set once it is in the page (see the constructor)
        setTimeout(() => {
          if (el.dataset.text !== undefined) el.textContent = el.dataset.text;
          delete el.dataset.text;
        }, 30);
      } else if (el.dataset.text !== undefined) {
        el.dataset.text = label;
      } else if (item.links) {
        const key = JSON.stringify(item.links);
        if (el.textContent !== label || el.dataset.links !== key) this.linkText(el, label, item.links);
        el.dataset.links = key;
      } else if (el.textContent !== label || el.dataset.links) {
        el.textContent = label;
        delete el.dataset.links;
      }
      if (item.role === 'textbox') {
        if (el.autocomplete !== item.autocomplete) el.setAttribute('autocomplete', item.autocomplete);
        if (!item.multiline && el.type !== item.type) el.type = item.type;
        if (el.value !== item.value && !this.composing) el.value = item.value;
      }
      if (item.target !== undefined) el.dataset.target = item.target;
      if (item.href !== undefined && el.getAttribute('href') !== item.href) el.setAttribute('href', item.href);
      if (item.group !== undefined && el.name !== item.group) el.name = item.group;
      if (item.lang !== undefined && el.lang !== item.lang) el.lang = item.lang;  // read with that language's voice
      if (item.pressed !== undefined) el.setAttribute('aria-pressed', String(item.pressed));
      if (item.checked !== undefined) {
        if (el.tagName === 'INPUT') {
          const pending = this.pendingChoice;
          const group = el.name || el.dataset.id;
          if (pending && pending.group === group && performance.now() < pending.until) {
            if (el.dataset.id === pending.id && item.checked === pending.checked) this.pendingChoice = null;
          } else if (el.checked !== item.checked) {
            el.checked = item.checked;
          }
        } else {
          el.setAttribute('aria-selected', String(item.checked));
        }
      }
      if (item.disabled) el.setAttribute('aria-disabled', 'true');
      else el.removeAttribute('aria-disabled');
      const style = el.style;
      const transform = `translate(${item.x}px, ${item.y}px)`;
      if (style.transform !== transform) style.transform = transform;
      // Words wrap where the canvas wraps them: a box as wide as their longest line (a pixel more for
      // rounding) but never wider than the measure the canvas wrapped them at breaks them at the same words.
      const width = (item.wrap && item.role !== 'textbox' ? Math.min(item.w + 1, item.wrap) : item.w) + 'px';
      if (style.width !== width) style.width = width;
      if (style.height !== item.h + 'px') style.height = item.h + 'px';
      // The canvas's font size, weight and line height, so the words lie exactly over the drawn ones.
      const px = (v) => (v === undefined ? '' : v + 'px');
      if (style.fontSize !== px(item.font)) style.fontSize = px(item.font);
      if (style.lineHeight !== px(item.line)) style.lineHeight = px(item.line);
      const weight = item.weight ? String(item.weight) : '';
      if (style.fontWeight !== weight) style.fontWeight = weight;
      if (item.role === 'textbox' && item.multiline) {
        const padding = item.pad_x !== undefined ? `${item.pad_y}px ${item.pad_x}px` : '';
        if (style.padding !== padding) style.padding = padding;
        const scroll = item.scroll || 0;
        if (Math.abs(el.scrollTop - scroll) >= 1) el.scrollTop = scroll;
      }
    }

    // A tab needs a tablist around it (ARIA's required parent). The tabs stay the root's children, where
    // the page's styles place them, and an empty tablist element just before each run of them owns them.
    groupTabs() {
      const runs = [];
      let run = null;
      for (const el of this.root.children) {
        if (el.dataset.role === 'tab') {
          if (!run) runs.push(run = []);
          run.push(el);
        } else if (!el.classList.contains('portal-mirror-tablist')) {
          run = null;
        }
      }
      this.tablists ||= [];
      while (this.tablists.length > runs.length) this.tablists.pop().remove();
      runs.forEach((tabs, i) => {
        let list = this.tablists[i];
        if (!list) {
          list = this.tablists[i] = document.createElement('div');
          list.className = 'portal-mirror-tablist';
          list.setAttribute('role', 'tablist');
        }
        const name = tabs[0].name || '';  // the tabs' group: the tablist's accessible name
        if ((list.getAttribute('aria-label') || '') !== name) list.setAttribute('aria-label', name);
        const owns = tabs.map((tab) => tab.id).join(' ');
        if (list.getAttribute('aria-owns') !== owns) list.setAttribute('aria-owns', owns);
        if (tabs[0].previousSibling !== list) this.root.insertBefore(list, tabs[0]);
      });
    }

    // `label` with its links (`links`: [begin, end, href] in UTF-8 bytes) as real <a> elements: they open
    // in a new tab on their own, and the words around them stay selectable.
    linkText(el, label, links) {
      const bytes = new TextEncoder().encode(label);
      const decoder = new TextDecoder();
      const part = (from, to) => decoder.decode(bytes.subarray(from, to));
      el.replaceChildren();
      let at = 0;
      for (const [begin, end, href] of links) {
        if (begin > at) el.append(part(at, begin));
        const a = document.createElement('a');
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        a.textContent = part(begin, end);
        el.append(a);
        at = end;
      }
      if (at < bytes.length) el.append(part(at, bytes.length));
    }

    update(json) {
      const doc = JSON.parse(json);
      const seen = new Set();
      let previous = null;
      for (const item of doc.items) {
        const key = String(item.id);
        if (seen.has(key)) continue;  // one element per id
        seen.add(key);
        let el = this.elements.get(key);
        if (el && (el.dataset.role !== item.role || (item.type || '') !== el.dataset.kind && item.role !== 'textbox')) {
          el.remove();
          el = undefined;
        }
        if (!el) {
          el = this.create(item);
          this.elements.set(key, el);
        }
        this.apply(el, item);
        // DOM order is reading and Tab order: keep it the order the items were drawn in. The focused
        // element is never the one moved (a move blurs it, and closes a phone's keyboard): what stands
        // before it goes after it instead, to be put in its place by the items drawn later, or removed.
        const place = () => {
          let next = previous ? previous.nextSibling : this.spacer.nextSibling;
          while (next && next.classList.contains('portal-mirror-tablist')) next = next.nextSibling;  // groupTabs'
          return next;
        };
        if (place() !== el) {
          if (el.contains(document.activeElement)) {
            while (place() !== el) this.root.insertBefore(place(), el.nextSibling);
          } else {
            this.root.insertBefore(el, place());
          }
        }
        previous = el;
      }
      for (const [key, el] of this.elements) {
        if (seen.has(key)) continue;
        if (el === document.activeElement) this.canvas.focus({ preventScroll: true });  // never lose focus to body
        el.remove();
        this.elements.delete(key);
      }
      this.groupTabs();
      this.activeText = doc.active;
      const height = Math.ceil(doc.scroll.height) + 'px';
      if (this.spacer.style.height !== height) this.spacer.style.height = height;
      // The page's own margin (portal.css), and above a bar fixed over the bottom (the phone's priority bar).
      const covered = doc.scroll.covered ? Math.ceil(doc.scroll.covered) + 24 + 'px' : '';
      if (this.root.style.scrollPaddingBottom !== covered) this.root.style.scrollPaddingBottom = covered;
      if (Math.abs(this.root.scrollTop - doc.scroll.y) >= 1) {
        this.expectedScroll = doc.scroll.y;
        this.root.scrollTop = doc.scroll.y;
      }
      // A text field the portal starts editing by itself (a click on the canvas) takes the page's focus,
      // once, and never from another of the mirror's elements. One the mirror asked for (the page's focus
      // went to it) is not pulled back: a frame drawn late, after the user's Tab moved on, even out of
      // the page, must leave the focus where the user put it.
      const editing = doc.active ? this.elements.get(String(doc.active)) : null;
      const elsewhere = this.root.contains(document.activeElement) && document.activeElement !== editing;
      const asked = doc.active === this.requestedText;
      if (editing && doc.active !== this.lastActive && !asked && !elsewhere && document.activeElement !== editing) {
        editing.focus({ preventScroll: true });
      }
      if (asked) this.requestedText = null;
      if (editing || !doc.active) this.lastActive = doc.active;
    }
  }

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

  window.PortalMirror = PortalMirror;
})();
