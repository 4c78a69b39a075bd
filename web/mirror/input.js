// The mirror's input (part of the served mirror.js, see web/mirror/mirror.js): pointer and wheel input is
// forwarded to the portal, except the presses on clickable elements (buttons, links, checkboxes, radios):
// those act through their DOM `click`, whoever caused it (a mouse, a finger, a key, a screen reader), so
// one press acts once. Presses on words are the page's own text selection. Typing in the mirror's fields
// is sent to the portal whole.
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

  Object.assign(window.PortalMirror.prototype, {
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
    },

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
    },
  });
})();
