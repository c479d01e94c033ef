// A few DOM helpers, shared by the POS and the kitchen screen: elements, the connection badge, the toast,
// modal dialogs, and the controls that send commands (disabled while offline or while one is pending).

/**
 * h('button.primary', {onclick, dataset: {command: 'pay'}}, 'Pay'): an element with classes, properties
 * (`dataset`, `on*` handlers, attributes such as `aria-*`) and children (strings, nodes, arrays, null).
 */
export function h(tag, props = {}, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) {
    el.className = classes.join(' ');
  }
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key.startsWith('on')) {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className += ` ${value}`;
    } else if (key in el && !key.includes('-')) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

/** Replaces the children of `el` with `children` (nulls and falses left out, arrays flattened). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : String(child));
    }
  }
}

const STATES = {
  connecting: 'Connecting…',
  syncing: 'Syncing…',
  online: 'Online',
  offline: 'Offline',
  refused: 'Not paired',
  idle: 'Not paired',
};

/** The connection badge in the top bar: always shows the state; offline with when it tries again. */
export function showConnection(bus) {
  const badge = document.getElementById('connection');
  badge.dataset.state = bus.state;
  const text = badge.querySelector('.text');
  let label = STATES[bus.state] ?? bus.state;
  if (bus.state === 'offline') {
    const seconds = Math.max(0, Math.ceil((bus.retryAt - Date.now()) / 1000));
    label = seconds > 0 ? `Offline — trying again in ${seconds} s` : 'Offline — trying again';
  }
  text.textContent = label;
  badge.title = bus.state === 'offline' ? 'Tap to try again now' : '';
}

let toastTimer = null;

/** A message at the bottom of the screen; errors stay until tapped or replaced. */
export function toast(message, { error = false, ms = 4000 } = {}) {
  const el = document.getElementById('toast');
  fill(el, h('span.toast-text', {}, message), h('button.toast-close', { type: 'button', 'aria-label': 'Dismiss',
    onclick: () => { el.hidden = true; } }, '×'));
  el.classList.toggle('error', error);
  el.hidden = false;
  clearTimeout(toastTimer);
  if (!error) {
    toastTimer = setTimeout(() => { el.hidden = true; }, ms);
  }
}

export function hideToast() {
  document.getElementById('toast').hidden = true;
}

/**
 * A modal dialog: a title, a body and buttons. Returns {el, close, error(message), body}. Escape or the
 * backdrop closes it unless `sticky`.
 */
export function dialog({ title, body, buttons = [], sticky = false, className = '', onClose = () => {} }) {
  const layer = document.getElementById('dialog-layer');
  const errorBox = h('p.dialog-error', { role: 'alert', hidden: true });
  const close = () => {
    if (!el.isConnected) {
      return;
    }
    el.remove();
    layer.hidden = layer.childElementCount === 0;
    document.removeEventListener('keydown', onKey);
    onClose();
  };
  const onKey = event => {
    if (event.key === 'Escape' && !sticky && layer.lastElementChild === el) {
      close();
    }
  };
  const el = h(`section.dialog${className ? `.${className}` : ''}`, { role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
    h('header.dialog-head', {}, h('h2', {}, title),
      sticky ? null : h('button.icon.close', { type: 'button', 'aria-label': 'Close', onclick: close }, '×')),
    h('div.dialog-body', {}, body),
    errorBox,
    buttons.length ? h('footer.dialog-foot', {}, buttons) : null);
  layer.append(el);
  layer.hidden = false;
  document.addEventListener('keydown', onKey);
  if (!sticky) {
    layer.onclick = event => {
      if (event.target === layer) {
        layer.lastElementChild?.querySelector('.close')?.click();
      }
    };
  }
  const focus = el.querySelector('input, select, textarea');
  if (focus && matchMedia('(pointer: fine)').matches) {
    focus.focus();
  }
  return {
    el,
    close,
    body: el.querySelector('.dialog-body'),
    error(message) {
      errorBox.textContent = message ?? '';
      errorBox.hidden = !message;
    },
  };
}

export function closeDialogs() {
  document.querySelectorAll('#dialog-layer .dialog').forEach(el => el.querySelector('.close')?.click() ?? el.remove());
  const layer = document.getElementById('dialog-layer');
  layer.replaceChildren();
  layer.hidden = true;
}

/**
 * Every control that sends a command carries data-command: they are enabled only while `enabled` (the
 * connection online and no command pending), everywhere on the page, dialogs included.
 */
export function gateCommands(enabled) {
  document.body.classList.toggle('commands-off', !enabled);
  for (const control of document.querySelectorAll('[data-command]')) {
    const blocked = control.dataset.blocked === 'true';
    control.disabled = !enabled || blocked;
  }
}

/** A numeric keypad for PINs: digits, clear, delete; `onEnter` with the digits typed. */
export function pinPad({ onEnter, label = 'PIN', command = false }) {
  let digits = '';
  const shown = h('output.pin-shown', { 'aria-label': label, dataset: { pin: '' } });
  const render = () => {
    shown.textContent = digits.replace(/./g, '●') || '\u00a0';
    shown.dataset.length = String(digits.length);
  };
  const key = (text, action, cls = '') => h(`button.key${cls}`, { type: 'button', onclick: action, dataset: { key: text } }, text);
  const pad = h('div.pin-pad', {},
    shown,
    h('div.keys', {},
      ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(d => key(d, () => { if (digits.length < 8) { digits += d; render(); } })),
      key('Clear', () => { digits = ''; render(); }, '.muted'),
      key('0', () => { if (digits.length < 8) { digits += '0'; render(); } }),
      key('⌫', () => { digits = digits.slice(0, -1); render(); }, '.muted')),
    h('button.primary.wide.enter', {
      type: 'button',
      dataset: command ? { command: 'pin' } : {},
      onclick: () => digits.length >= 4 && onEnter(digits),
    }, 'OK'));
  pad.addEventListener('keydown', event => {
    if (/^\d$/.test(event.key) && digits.length < 8) {
      digits += event.key;
      render();
    } else if (event.key === 'Backspace') {
      digits = digits.slice(0, -1);
      render();
    } else if (event.key === 'Enter' && digits.length >= 4) {
      onEnter(digits);
    }
  });
  pad.tabIndex = 0;
  pad.reset = () => { digits = ''; render(); };
  render();
  return pad;
}
