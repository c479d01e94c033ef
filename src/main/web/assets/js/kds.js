// The kitchen screen at `/kds`: the open tickets of one print destination, oldest first, with a Done button
// (pos.kds.bump) on each, and the tickets done within the recall window, each with Recall (pos.kds.recall).
//
// The destination is the kitchen token's (a device paired with `admin tokens issue --role kitchen --destination
// ID`), or on the node's own machine the URL's: /kds?destination=kitchen (without one the screen lists the
// destinations to choose from). On every (re)connection it registers on pos.kitchen.<destination> first, then
// asks pos.kds.tickets, and keeps per ticket the copy with the higher version (docs/kitchen.md). Nothing changes
// on screen before the node says so: a bump shows pending until the node answers.
import { Bus } from './bus.js';
import { fill, gateCommands, h, showConnection, toast } from './dom.js';
import { Pairing, pairingScreen } from './pairing.js';
import { refusal, since } from './words.js';

const pairing = new Pairing('redcoral.kds.token');
const state = {
  destination: new URLSearchParams(location.search).get('destination'),
  name: null,
  recallWindow: 0,
  tickets: new Map(),
  changes: new Map(),
  loaded: false,
  busy: null,
  problem: null,
  choices: null,
};

const bus = new Bus({ token: () => pairing.token, needsLogin: pairing.needed, session });

async function session(identity) {
  state.problem = null;
  if (identity.role === 'kitchen') {
    state.destination = identity.destination_id;
  } else if (identity.role !== 'admin') {
    state.problem = `This device is paired as ${identity.name} (${identity.role}), not as a kitchen screen. `
      + 'Pair it with a kitchen token: admin tokens issue --name grill --role kitchen --destination kitchen.';
    return;
  }
  if (!state.destination) {
    const list = await bus.request('pos.resources.list', { resource: 'print_destination' });
    state.choices = list.success === false ? [] : list.items;
    return;
  }
  const destination = state.destination;
  bus.register(`pos.kitchen.${destination}`, change => {
    state.changes.set(change.ticket.ticket_id, change.change);
    keep(change.ticket);
    render();
  });
  const reply = await bus.request('pos.kds.tickets', { destination_id: destination });
  if (reply.success === false) {
    state.problem = refusal(reply.error);
    return;
  }
  state.name = reply.destination_name;
  state.recallWindow = reply.recall_window_ms;
  const listed = new Set(reply.tickets.map(t => t.ticket_id));
  for (const id of [...state.tickets.keys()]) {
    if (!listed.has(id)) {
      state.tickets.delete(id); // done (or given up) longer than the recall window ago
    }
  }
  reply.tickets.forEach(keep);
  state.loaded = true;
}

/** A ticket as the node has it, unless this screen already holds a newer version of it. */
function keep(ticket) {
  const held = state.tickets.get(ticket.ticket_id);
  if (!held || held.version < ticket.version) {
    state.tickets.set(ticket.ticket_id, ticket);
  }
}

bus.onState(() => {
  showConnection(bus);
  render();
});
document.getElementById('connection').addEventListener('click', () => bus.retryNow());
setInterval(() => {
  if (bus.state === 'offline') {
    showConnection(bus);
  }
  document.querySelectorAll('[data-created-at]').forEach(el => {
    el.textContent = since(Number(el.dataset.createdAt));
  });
}, 1000);

async function act(address, ticket, what) {
  state.busy = what;
  render();
  try {
    const reply = await bus.request(address, { destination_id: state.destination, ticket_id: ticket.ticket_id });
    if (reply.success === false) {
      toast(refusal(reply.error), { error: true });
    } else {
      if (reply.change) {
        state.changes.set(reply.ticket.ticket_id, reply.change);
      }
      keep(reply.ticket);
    }
  } catch (error) {
    toast(refusal(error), { error: true });
  } finally {
    state.busy = null;
    render();
  }
}

const CHANGE_WORDS = {
  ITEMS_CANCELLED: 'Changed',
  ITEMS_CHANGED: 'Changed',
  TABLE_CHANGED: 'Moved',
  MERGED: 'Moved',
  RECALLED: 'Recalled',
};

function itemLine(item) {
  const left = item.quantity - item.cancelled_quantity;
  const how = [item.spec, ...(item.options ?? [])].filter(Boolean).join(' · ');
  return h(`li${left === 0 ? '.gone' : ''}`, {},
    h('span.qty', {}, `${left}×`),
    h('span.dish', {}, item.name,
      how ? h('small', {}, how) : null,
      item.note ? h('small.note', {}, item.note) : null,
      item.cancelled_quantity ? h('small.cancelled', {}, `${item.cancelled_quantity} cancelled`) : null));
}

function card(ticket) {
  const change = CHANGE_WORDS[state.changes.get(ticket.ticket_id)];
  return h('article.ticket', { dataset: { ticketId: ticket.ticket_id, orderId: ticket.order_id, status: ticket.status } },
    h('header', {},
      h('span.number', {}, `#${ticket.ticket_id}`),
      h('span.where', {}, ticket.table_name ?? 'Counter'),
      change ? h('span.badge.warn', {}, change) : null,
      h('span.age', { dataset: { createdAt: String(ticket.created_at) } }, since(ticket.created_at))),
    h('ul.items', {}, ticket.items.map(itemLine)),
    h('footer', {},
      h('span.muted', {}, ticket.operator_name),
      h('button.primary.bump', { type: 'button', dataset: { command: 'bump', ticketId: ticket.ticket_id },
        onclick: () => act('pos.kds.bump', ticket, `Marking #${ticket.ticket_id} done`) }, 'Done')));
}

function recent(ticket) {
  return h('li', { dataset: { ticketId: ticket.ticket_id, status: ticket.status } },
    h('span', {}, `#${ticket.ticket_id} ${ticket.table_name ?? 'Counter'}`),
    h('span.muted', {}, ticket.status === 'CANCELLED' ? 'cancelled' : 'done'),
    ticket.status === 'BUMPED' ? h('button.small', { type: 'button', dataset: { command: 'recall', ticketId: ticket.ticket_id },
      onclick: () => act('pos.kds.recall', ticket, `Recalling #${ticket.ticket_id}`) }, 'Recall') : null);
}

let shownRefusal;

function render() {
  const app = document.getElementById('app');
  const pending = document.getElementById('pending');
  pending.hidden = !state.busy;
  pending.querySelector('.text').textContent = state.busy ? `${state.busy}…` : '';
  document.getElementById('destination').textContent = state.name ?? 'Kitchen';
  document.title = `${state.name ?? 'Kitchen'} — RedCoral`;
  if (pairing.missing || bus.state === 'refused') {
    if (document.getElementById('pairing') && shownRefusal === bus.refusal) {
      return; // already asking: redrawing would lose what is being typed
    }
    shownRefusal = bus.refusal;
    pairingScreen(app, {
      what: 'kitchen screen',
      command: 'java -jar redcoral-edge.jar admin tokens issue --name grill --role kitchen --destination kitchen',
      error: bus.refusal,
      onToken: token => {
        pairing.save(token);
        bus.start();
        render();
      },
    });
    return;
  }
  if (state.problem) {
    fill(app, h('section.card', { id: 'problem' }, h('h1', {}, 'This screen cannot show tickets'), h('p', {}, state.problem)));
    return;
  }
  if (state.choices && !state.destination) {
    fill(app, h('section.card', { id: 'choose' }, h('h1', {}, 'Which kitchen is this?'),
      h('div.tiles', {}, state.choices.map(d => h('a.tile', { href: `/kds?destination=${encodeURIComponent(d.id)}`,
        dataset: { destination: d.id } }, h('span.tile-name', {}, d.name))))));
    return;
  }
  if (!state.loaded) {
    fill(app, h('section.card.connecting', {}, h('div.spinner.big', { 'aria-hidden': 'true' }), h('h1', {}, 'Connecting to the node…')));
    return;
  }
  const tickets = [...state.tickets.values()].sort((a, b) => a.sequence - b.sequence);
  const open = tickets.filter(t => t.status === 'OPEN');
  const done = tickets.filter(t => t.status !== 'OPEN').sort((a, b) => (b.bumped_at ?? b.cancelled_at ?? 0) - (a.bumped_at ?? a.cancelled_at ?? 0));
  document.getElementById('summary').textContent = `${open.length} open`;
  fill(app,
    h('section.board', { id: 'board', 'aria-label': 'Open tickets' },
      open.length ? open.map(card) : h('p.empty', {}, 'No open tickets.')),
    h('aside.recent', { id: 'recent', 'aria-label': 'Done recently' },
      h('h2', {}, 'Done recently'),
      done.length ? h('ul', {}, done.map(recent)) : h('p.muted', {}, 'Nothing yet.')));
  gateCommands(bus.online && !state.busy);
}

showConnection(bus);
render();
if (!pairing.missing) {
  bus.start();
}
