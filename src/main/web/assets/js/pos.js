// The browser POS at `/`: a till that shows the node's orders and catalog and sends commands.
//
// Its state is a read-only mirror of the node (orders.js, resources.js), changed only by the node's events and
// resource syncs. A command is sent, shown as pending until the node answers (ACK or NACK) and its events are in
// the mirror, and never applied to the screen ahead of the node. A refusal is shown in words. While the
// connection is not online every control that sends a command is disabled; after a reconnection the page syncs,
// then enables them again. docs/pos.md describes what the cashier sees.
import { app } from './app.js';
import { Bus } from './bus.js';
import { canCommand, perform } from './commands.js';
import {
  cancelPayment, completeDialog, lineDialog, mergeDialog, moveDialog, openCounter, openDialogs, openTable, payDialog,
  showTimeline, splitDialog, toggleSurcharge, voidDialog,
} from './dialogs.js';
import { closeDialogs, fill, gateCommands, h, hideToast, pinPad, showConnection, toast } from './dom.js';
import { OrderMirror } from './orders.js';
import { Pairing, pairingScreen } from './pairing.js';
import { ResourceMirror } from './resources.js';
import {
  clock, describe, initials, itemCount, methodWords, money, paidUnits, percent, refusal, since, statusWords,
} from './words.js';

const TYPES = ['product', 'category', 'zone', 'dining_table', 'employee', 'role'];
const OPERATOR_KEY = 'redcoral.pos.operator';

const pairing = new Pairing('redcoral.pos.token');
const state = {
  operator: readOperator(),
  view: 'tables',
  selected: null,
  category: null,
  pane: 'menu',
  busy: null,
  drafts: new Map(),
  signIn: null,
};
const commandEvents = new Map();

const bus = new Bus({ token: () => pairing.token, needsLogin: pairing.needed, session, heartbeat });
const resources = new ResourceMirror(bus, TYPES, () => changed());
const orders = new OrderMirror(bus, change => {
  for (const event of change.events) {
    commandEvents.set(event.command_id, [...(commandEvents.get(event.command_id) ?? []), event]);
    if (commandEvents.size > 200) {
      commandEvents.delete(commandEvents.keys().next().value);
    }
  }
  followMerges();
  changed();
});

Object.assign(app, { bus, orders, resources, state, commandEvents, changed, select, signOut, counterOrders });

/** Every (re)connection: register first, then catch up, so nothing published meanwhile is missed. */
async function session() {
  bus.register('pos.resources.sync', sync => resources.accept(sync));
  bus.register('pos.orders.events', event => orders.accept(event));
  const reloaded = await resources.connected();
  await orders.connected(reloaded);
}

function heartbeat(status) {
  resources.checkEpoch(status).then(newEpoch => newEpoch && orders.connected(true))
    .catch(error => console.warn('reloading after a new epoch failed', error));
}

bus.onState(() => {
  showConnection(bus);
  changed();
});
document.getElementById('connection').addEventListener('click', () => bus.retryNow());
setInterval(() => bus.state === 'offline' && showConnection(bus), 1000);

// ------------------------------------------------------------------------------------------ the operator

function readOperator() {
  try {
    return JSON.parse(sessionStorage.getItem(OPERATOR_KEY) ?? 'null');
  } catch (unreadable) {
    return null;
  }
}

function signedIn(operator) {
  state.operator = operator;
  sessionStorage.setItem(OPERATOR_KEY, JSON.stringify(operator));
  state.signIn = null;
  changed();
}

function signOut(message) {
  state.operator = null;
  state.selected = null;
  state.drafts.clear();
  sessionStorage.removeItem(OPERATOR_KEY);
  closeDialogs();
  if (message) {
    toast(message, { error: true });
  }
  changed();
}

/** An employee signed in here who is no longer active (or no longer exists) is signed out. */
function checkOperator() {
  if (!state.operator || !resources.epoch) {
    return;
  }
  const employee = resources.item('employee', state.operator.operator_id);
  if (!employee || employee.active === false) {
    signOut(`${state.operator.name} is no longer an active employee: signed out.`);
  }
}

// ------------------------------------------------------------------------------------------ rendering

let screen = null;

/** Redraws what changed: the screen's kind decides whether it is built anew or updated in place. */
function changed() {
  checkOperator();
  renderOperator();
  const kind = screenKind();
  const app = document.getElementById('app');
  if (!screen || screen.kind !== kind) {
    screen = { kind, ...SCREENS[kind](app) };
  }
  screen.update?.();
  openDialogs.forEach(d => d.update?.());
  gateCommands(canCommand());
}

function screenKind() {
  if (pairing.missing || bus.state === 'refused') {
    return 'pairing';
  }
  if (!resources.epoch || !orders.loaded) {
    return 'connecting';
  }
  return state.operator ? 'main' : 'signIn';
}

function renderOperator() {
  const el = document.getElementById('operator');
  if (!state.operator || screenKind() !== 'main') {
    fill(el);
    return;
  }
  const role = resources.item('role', resources.item('employee', state.operator.operator_id)?.role_id);
  fill(el,
    h('span.who', {}, h('strong', {}, state.operator.name), role ? h('span.role', {}, role.name) : null),
    h('button.ghost', { type: 'button', id: 'sign-out', onclick: () => signOut() }, 'Sign out'));
}

const SCREENS = {
  pairing(app) {
    closeDialogs();
    pairingScreen(app, {
      what: 'till',
      command: 'java -jar redcoral-edge.jar admin tokens issue --name till-1 --role terminal',
      error: bus.refusal,
      onToken: token => {
        pairing.save(token);
        bus.start();
        changed();
      },
    });
    return {};
  },

  connecting(app) {
    const text = h('p', {});
    fill(app, h('section.card.connecting', { id: 'connecting' }, h('div.spinner.big', { 'aria-hidden': 'true' }),
      h('h1', {}, 'Connecting to the node…'), text));
    return {
      update() {
        text.textContent = bus.state === 'offline'
          ? 'The node does not answer yet. The till keeps trying; check that the node is running and this device is on the store\'s network.'
          : 'Loading the catalog and the open orders.';
      },
    };
  },

  signIn(app) {
    const body = h('div.sign-in-body');
    const identity = h('p.muted.small');
    fill(app, h('section.card.sign-in', { id: 'sign-in' }, h('h1', {}, 'Who is working?'), body, identity));
    const pick = () => {
      const employees = resources.list('employee').filter(e => e.active !== false)
        .sort((a, b) => a.name.localeCompare(b.name));
      fill(body, h('div.people', {}, employees.map(e => h('button.person', {
        type: 'button', dataset: { employee: e.id, command: 'sign-in' },
        onclick: () => { state.signIn = e; build(); },
      }, h('span.initials', {}, initials(e.name)), h('span', {}, e.name)))));
    };
    const enter = employee => {
      const problem = h('p.dialog-error', { role: 'alert', hidden: true });
      const pad = pinPad({
        label: `PIN of ${employee.name}`,
        command: true,
        onEnter: async pin => {
          problem.hidden = true;
          try {
            const reply = await bus.request('pos.auth.operator', { operator_id: employee.id, pin });
            if (reply.success) {
              signedIn(reply);
              return;
            }
            problem.textContent = reply.error.code === 'AUTHORIZATION_FAILED'
              ? 'That PIN is not right. Try again.' : refusal(reply.error);
          } catch (error) {
            problem.textContent = refusal(error);
          }
          problem.hidden = false;
          pad.reset();
        },
      });
      fill(body, h('div.sign-in-pin', {},
        h('p.lead', {}, `${employee.name}, enter your PIN`), pad, problem,
        h('button.ghost', { type: 'button', onclick: () => { state.signIn = null; build(); } }, '← Someone else')));
      pad.focus();
    };
    const build = () => (state.signIn ? enter(state.signIn) : pick());
    build();
    return {
      update() {
        if (!state.signIn) {
          pick();
        }
        identity.textContent = bus.identity
          ? `This till is connected as ${bus.identity.name} (${bus.identity.role}).` : '';
        if (pairing.needed && pairing.token && !identity.querySelector('button')) {
          identity.append(' ', h('button.link', {
            type: 'button', id: 'unpair',
            onclick: () => { pairing.forget(); bus.close(); bus.setState('refused'); bus.refusal = null; changed(); },
          }, 'Unpair this till'));
        }
      },
    };
  },

  main(app) {
    const left = h('section.pane-left', { id: 'left' });
    const right = h('aside.pane-right', { id: 'order-panel', 'aria-label': 'Order' });
    const switcher = h('nav.pane-switch', { 'aria-label': 'Show' });
    fill(app, h('div.main', {}, left, right, switcher));
    return {
      update() {
        const order = selectedOrder();
        document.body.dataset.pane = order ? state.pane : 'menu';
        fill(left, ...(order && order.status === 'ACTIVE' ? menu(order) : floor()));
        fill(right, ...orderPanel(order));
        // On a phone one pane shows at a time: the bar switches them, and sends the round from the menu.
        const round = order && order.status === 'ACTIVE' ? draft(order.order_id) : [];
        fill(switcher, order ? [
          h('button', { type: 'button', id: 'show-menu', class: state.pane === 'menu' ? 'on' : '', onclick: () => { state.pane = 'menu'; changed(); } },
            order.status === 'ACTIVE' ? 'Menu' : 'Tables'),
          h('button', { type: 'button', id: 'show-order', class: state.pane === 'order' ? 'on' : '', onclick: () => { state.pane = 'order'; changed(); } },
            `Order · ${money(order.total)}`),
          round.length ? h('button.primary', { type: 'button', id: 'send-round-bar', dataset: { command: 'add-items' },
            onclick: () => sendDraft(order) }, `Send ${round.reduce((n, l) => n + l.quantity, 0)}`) : null,
        ] : null);
      },
    };
  },
};

function selectedOrder() {
  return state.selected ? orders.order(state.selected) ?? null : null;
}

function select(orderId) {
  state.selected = orderId;
  state.pane = 'menu';
  changed();
}

/** A merged order is followed to the order it went into, on every till that shows it. */
function followMerges() {
  const order = selectedOrder();
  if (order && order.status === 'MERGED' && order.merged_into && orders.orders.has(order.merged_into)) {
    state.selected = order.merged_into;
  }
}

// ------------------------------------------------------------------------------------------ floor and counter

function floor() {
  const tabs = h('nav.tabs', { 'aria-label': 'Floor' },
    h('button', { type: 'button', id: 'view-tables', class: state.view === 'tables' ? 'on' : '',
      onclick: () => { state.view = 'tables'; changed(); } }, 'Tables'),
    h('button', { type: 'button', id: 'view-counter', class: state.view === 'counter' ? 'on' : '',
      onclick: () => { state.view = 'counter'; changed(); } }, `Counter orders (${counterOrders().length})`));
  return [tabs, state.view === 'tables' ? tablesByZone() : counterList()];
}

function tablesByZone() {
  const zones = resources.list('zone');
  const tables = resources.list('dining_table').sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const groups = zones.map(zone => ({ zone, tables: tables.filter(t => t.zone_id === zone.id) }));
  const unzoned = tables.filter(t => !zones.some(z => z.id === t.zone_id));
  if (unzoned.length) {
    groups.push({ zone: { id: '', name: 'Other tables' }, tables: unzoned });
  }
  return h('div.floor', { id: 'floor' }, groups.filter(g => g.tables.length).map(({ zone, tables: list }) =>
    h('section.zone', { dataset: { zoneId: zone.id } },
      h('h2', {}, zone.name, zone.surcharge_percent ? h('span.badge', {}, `${percent(zone.surcharge_percent)} surcharge`) : null),
      h('div.tiles', {}, list.map(table => tableTile(table))))));
}

function tableTile(table) {
  const order = orders.atTable(table.id);
  const paid = order && order.remaining === 0 && order.total > 0;
  return h(`button.tile.table${order ? '.occupied' : '.free'}${paid ? '.paid' : ''}`, {
    type: 'button',
    dataset: { tableId: table.id, status: order ? 'occupied' : 'free', ...(order ? {} : { command: 'open-table' }) },
    onclick: () => (order ? select(order.order_id) : openTable(table)),
  },
  h('span.tile-name', {}, table.name),
  order
    ? [h('span.tile-total', {}, money(order.total)),
      h('span.tile-meta', {}, [order.guest_count ? `${order.guest_count} guests` : null, since(order.opened_at)]
        .filter(Boolean).join(' · ')),
      paid ? h('span.badge.ok', {}, 'Paid') : null]
    : h('span.tile-meta', {}, table.seats ? `Free · ${table.seats} seats` : 'Free'));
}

function counterOrders() {
  return orders.active().filter(order => !order.table_id).sort((a, b) => a.opened_at - b.opened_at);
}

function counterList() {
  return h('div.counter', { id: 'counter' },
    h('div.tiles', {},
      h('button.tile.new', { type: 'button', id: 'new-counter-order', dataset: { command: 'open-counter' }, onclick: openCounter },
        h('span.tile-name', {}, '+ New counter order')),
      counterOrders().map(order => h('button.tile.occupied', { type: 'button', dataset: { orderId: order.order_id },
        onclick: () => select(order.order_id) },
      h('span.tile-name', {}, order.table_name ?? 'Counter'),
      h('span.tile-total', {}, money(order.total)),
      h('span.tile-meta', {}, since(order.opened_at))))));
}

// ------------------------------------------------------------------------------------------ the menu

function menu(order) {
  const categories = resources.list('category');
  const products = resources.list('product').filter(p => p.active !== false);
  const used = categories.filter(c => products.some(p => p.category_id === c.id));
  if (products.some(p => !categories.some(c => c.id === p.category_id))) {
    used.push({ id: '', name: 'Other' });
  }
  if (!used.some(c => c.id === state.category)) {
    state.category = used[0]?.id ?? null;
  }
  const shown = products.filter(p => (p.category_id && categories.some(c => c.id === p.category_id) ? p.category_id : '') === state.category)
    .sort((a, b) => a.name.localeCompare(b.name));
  return [
    h('div.menu-head', {},
      h('button.ghost', { type: 'button', id: 'back', onclick: () => select(null) }, '← Tables'),
      h('h2', {}, order.table_name ?? 'Counter order')),
    h('nav.categories', { 'aria-label': 'Categories' }, used.map(c => h('button', {
      type: 'button', class: c.id === state.category ? 'on' : '', dataset: { category: c.id },
      onclick: () => { state.category = c.id; changed(); },
    }, c.name))),
    h('div.products', { id: 'products' }, shown.map(p => h('button.product', {
      type: 'button', dataset: { productId: p.id }, onclick: () => addToDraft(order, p),
    }, h('span.product-name', {}, p.name), h('span.product-price', {}, money(p.price))))),
  ];
}

/** Taps on the menu make a round that is not sent yet; Send rings it up as one ADD_ITEMS (one kitchen ticket). */
function draft(orderId) {
  if (!state.drafts.has(orderId)) {
    state.drafts.set(orderId, []);
  }
  return state.drafts.get(orderId);
}

function addToDraft(order, product) {
  const round = draft(order.order_id);
  const line = round.find(l => l.product_id === product.id);
  if (line) {
    line.quantity++;
  } else {
    round.push({ product_id: product.id, name: product.name, quantity: 1 });
  }
  changed();
}

async function sendDraft(order) {
  const round = draft(order.order_id);
  if (!round.length) {
    return;
  }
  const response = await perform({
    type: 'ADD_ITEMS', what: 'Sending the round',
    payload: { order_id: order.order_id, items: round.map(l => ({ product_id: l.product_id, quantity: l.quantity })) },
  });
  if (response?.success) {
    state.drafts.delete(order.order_id);
    changed();
  }
}

// ------------------------------------------------------------------------------------------ the order panel

function orderPanel(order) {
  if (!order) {
    return [h('div.empty', {}, h('p', {}, 'Choose a table, or start a counter order.'),
      h('p.muted', {}, `${orders.active().length} open orders`))];
  }
  if (order.stale) {
    // It left the mirror in a full sync: how it ended is read once, for this screen only.
    order.stale = false;
    bus.request('pos.orders.get', { order_id: order.order_id }).then(now => {
      if (now.success !== false) {
        orders.remember(now, false);
        changed();
      }
    }).catch(() => {});
  }
  const head = h('header.order-head', {},
    h('div', {}, h('h2', { id: 'order-title' }, order.table_name ?? 'Counter order'),
      h('p.muted', {}, [order.guest_count ? `${order.guest_count} guests` : null, `opened ${clock(order.opened_at)}`]
        .filter(Boolean).join(' · '))),
    h('span.status', { dataset: { status: order.status } }, statusWords(order.status)));
  if (order.status !== 'ACTIVE') {
    return [head, closedOrder(order)];
  }
  return [head, lines(order), draftPanel(order), totals(order), payments(order), actions(order)];
}

function closedOrder(order) {
  return h('div.closed', { id: 'closed-order' },
    order.status === 'COMPLETED' ? h('p.big', {}, 'Receipt ', h('strong', { id: 'receipt-number' }, order.receipt_number)) : null,
    order.status === 'VOIDED' ? h('p.big', {}, 'Voided: ', h('em', {}, order.void_reason ?? '')) : null,
    order.status === 'MERGED' ? h('p.big', {}, 'Merged into another order.') : null,
    h('dl.totals', {}, row('Total', money(order.total)), row('Paid', money(order.paid_total))),
    h('div.actions', {},
      h('button', { type: 'button', onclick: () => showTimeline(order) }, 'Timeline'),
      h('button.primary', { type: 'button', id: 'done', onclick: () => select(null) }, 'Back to tables')));
}

function lines(order) {
  if (!order.items.length) {
    return h('p.muted.no-items', {}, 'Nothing rung up yet: tap products on the menu.');
  }
  return h('ul.lines', { id: 'lines' }, order.items.map(line => {
    const paid = paidUnits(order, line.instance_id);
    return h('li', {}, h('button.line', {
      type: 'button', dataset: { instanceId: line.instance_id, productId: line.product_id, command: 'line' },
      onclick: () => lineDialog(order, line),
    },
    h('span.qty', {}, `${line.quantity}×`),
    h('span.line-name', {}, line.name,
      describe(line) ? h('small', {}, describe(line)) : null,
      line.discount_percent ? h('span.badge.discount', {}, `−${percent(line.discount_percent)}`) : null,
      paid ? h('span.badge.ok', {}, `${paid} paid`) : null),
    h('span.amount', {}, money(line.line_total))));
  }));
}

function draftPanel(order) {
  const round = draft(order.order_id);
  if (!round.length) {
    return null;
  }
  return h('section.draft', { id: 'draft', 'aria-label': 'New round, not sent yet' },
    h('h3', {}, 'New round — not sent yet'),
    h('ul', {}, round.map(l => h('li', {},
      h('span.line-name', {}, l.name),
      h('span.stepper', {},
        h('button.icon', { type: 'button', 'aria-label': `One ${l.name} less`, onclick: () => {
          l.quantity--;
          state.drafts.set(order.order_id, round.filter(x => x.quantity > 0));
          changed();
        } }, '−'),
        h('span.qty', {}, String(l.quantity)),
        h('button.icon', { type: 'button', 'aria-label': `One ${l.name} more`, onclick: () => { l.quantity++; changed(); } }, '+'))))),
    h('div.draft-actions', {},
      h('button.ghost', { type: 'button', onclick: () => { state.drafts.delete(order.order_id); changed(); } }, 'Clear'),
      h('button.primary', { type: 'button', id: 'send-round', dataset: { command: 'add-items' }, onclick: () => sendDraft(order) },
        `Send ${itemCount(round.reduce((n, l) => n + l.quantity, 0))}`)));
}

function row(label, value, id) {
  return [h('dt', {}, label), h('dd', id ? { id } : {}, value)];
}

function totals(order) {
  return h('dl.totals', { id: 'totals' },
    row('Subtotal', money(order.subtotal)),
    order.discount_total ? row('Discounts', `−${money(order.discount_total)}`) : null,
    order.surcharge_percent ? row(order.surcharge_exempt ? `Surcharge ${percent(order.surcharge_percent)} (waived)`
      : `Surcharge ${percent(order.surcharge_percent)}`, money(order.surcharge_total)) : null,
    h('dt.total', {}, 'Total'), h('dd.total', { id: 'total' }, money(order.total)),
    order.paid_total ? row('Paid', money(order.paid_total)) : null,
    h('dt.remaining', {}, 'To pay'), h('dd.remaining', { id: 'remaining' }, money(order.remaining)));
}

function payments(order) {
  if (!order.payments.length) {
    return null;
  }
  return h('ul.payments', { id: 'payments' }, order.payments.map(p => h('li', { class: p.cancelled ? 'cancelled' : '', dataset: { paymentId: p.payment_id } },
    h('span', {}, `${methodWords(p.method)}${p.items?.length ? ' (split by items)' : ''}`,
      p.change ? h('small', {}, `tendered ${money(p.tendered)}, change ${money(p.change)}`) : null,
      p.cancelled ? h('small', {}, `cancelled: ${p.cancel_reason}`) : null),
    h('span.amount', {}, money(p.amount)),
    p.cancelled ? null : h('button.small', { type: 'button', dataset: { command: 'cancel-payment' }, onclick: () => cancelPayment(order, p) }, 'Cancel'))));
}

function actions(order) {
  const hasSurcharge = order.surcharge_percent > 0;
  return h('div.actions', { id: 'actions' },
    h('button.primary', { type: 'button', id: 'pay', dataset: { command: 'pay' }, onclick: () => payDialog(order) }, 'Pay'),
    h('button', { type: 'button', id: 'split', dataset: { command: 'split' }, onclick: () => splitDialog(order) }, 'Split'),
    h('button', { type: 'button', id: 'complete', class: order.remaining === 0 && order.total > 0 ? 'primary' : '', dataset: { command: 'complete' },
      onclick: () => completeDialog(order) }, 'Complete'),
    h('button', { type: 'button', id: 'move', dataset: { command: 'move' }, onclick: () => moveDialog(order) }, order.table_id ? 'Move' : 'To a table'),
    h('button', { type: 'button', id: 'merge', dataset: { command: 'merge' }, onclick: () => mergeDialog(order) }, 'Merge'),
    hasSurcharge ? h('button', { type: 'button', id: 'surcharge', dataset: { command: 'surcharge' }, onclick: () => toggleSurcharge(order) },
      order.surcharge_exempt ? 'Restore surcharge' : 'Waive surcharge') : null,
    h('button', { type: 'button', id: 'timeline', onclick: () => showTimeline(order) }, 'Timeline'),
    h('button.danger', { type: 'button', id: 'void', dataset: { command: 'void' }, onclick: () => voidDialog(order) }, 'Void'));
}

// ------------------------------------------------------------------------------------------ start

showConnection(bus);
changed();
if (!pairing.missing) {
  bus.start();
}
addEventListener('keydown', event => event.key === 'Escape' && hideToast());
