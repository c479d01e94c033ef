// Pairing a browser with the node. On the node's network listener (https) a browser has no client
// certificate, so it logs in with a terminal token as its first frame (pos.auth.login): an admin issues one
// (`admin tokens issue --name till-1 --role terminal`, or `--role kitchen --destination kitchen` for a kitchen
// screen), it is typed in once and kept in this browser's local storage. On the loopback listener (plain
// http on the node's own machine) no token is needed.
import { h } from './dom.js';
import { refusal } from './words.js';

export class Pairing {
  /** @param {string} key where the token is kept in local storage */
  constructor(key) {
    this.key = key;
    this.needed = location.protocol === 'https:';
  }

  get token() {
    try {
      return localStorage.getItem(this.key);
    } catch (unavailable) {
      return null;
    }
  }

  save(token) {
    localStorage.setItem(this.key, token.trim());
  }

  forget() {
    localStorage.removeItem(this.key);
  }

  /** Whether the page must ask for a token before it can connect. */
  get missing() {
    return this.needed && !this.token;
  }
}

/**
 * The pairing screen in `container`: what to ask the admin for, a field for the token, and why the last one
 * was refused. `onToken(token)` once one is given.
 */
export function pairingScreen(container, { what, command, error, onToken }) {
  const input = h('input.token', {
    type: 'password', autocomplete: 'off', spellcheck: false, id: 'token', name: 'token',
    placeholder: 'rct_…', 'aria-label': 'Terminal token',
  });
  const submit = () => {
    const token = input.value.trim();
    if (!/^rct_\S+$/.test(token)) {
      problem.textContent = 'A terminal token starts with rct_ — copy it whole from what the admin command printed.';
      problem.hidden = false;
      return;
    }
    onToken(token);
  };
  const problem = h('p.dialog-error', { role: 'alert', hidden: !error }, error ? refusal(error) : '');
  input.addEventListener('keydown', event => event.key === 'Enter' && submit());
  container.replaceChildren(h('section.card.pairing', { id: 'pairing' },
    h('h1', {}, `Pair this ${what}`),
    h('p', {}, `This ${what} reaches the node over the store's network, so the node needs to know it. Ask an admin for a token:`),
    h('pre.command', {}, command),
    h('p', {}, 'Type or paste it here. It is kept in this browser, so this is asked once.'),
    h('label.field', {}, h('span', {}, 'Terminal token'), input),
    problem,
    h('button.primary.wide', { type: 'button', id: 'pair', onclick: submit }, 'Pair')));
  input.focus();
}
