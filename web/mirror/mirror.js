// The semantics mirror: each frame's items (from Dear ImGui's item hooks) become invisible DOM elements
// with ARIA roles and accessible names over the canvas, so screen readers, keyboard users, password
// managers and browser tests meet real controls, and the drawn words are real text to select and find.
// Served as one mirror.js (cmake/web.cmake) built from the files of web/mirror/: this one (the class: its
// elements kept in drawing order, the live region, the scroll), elements.js (what element an item
// becomes, and the item's state on it), input.js (pointer, wheel, focus and typing, passed on to the
// portal) and files.js (the files chosen in the page, and the portal's downloads).
(() => {
  'use strict';

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
      const ptr = this.module.portalNewString(text);
      try { fn(ptr); } finally { this.module._free(ptr); }
    }

    position(event) {
      const rect = this.canvas.getBoundingClientRect();
      return [event.clientX - rect.left, event.clientY - rect.top];
    }

    // Says `text` through the live region (the same text again is said again).
    announce(text) {
      this.announcer.textContent = this.announcer.textContent === text ? text + '\u00a0' : text;
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

  window.PortalMirror = PortalMirror;
})();
