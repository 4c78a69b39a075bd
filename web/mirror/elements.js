// The mirror's elements (part of the served mirror.js, see web/mirror/mirror.js): what element each item
// becomes, and the item's state (name, value, place, font) written onto it only where it changed.
(() => {
  'use strict';

  Object.assign(window.PortalMirror.prototype, {
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
    },

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
    },

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
    },
  });
})();
