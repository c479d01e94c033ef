// The browser's mirrors (src/main/web/assets/js/orders.js, resources.js) against a scripted node, under Node's
// own test runner: the rules of docs/pos.md, each one a test. Run by MirrorScriptTest (`node --test`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OrderMirror } from '../../main/web/assets/js/orders.js';
import { ResourceMirror } from '../../main/web/assets/js/resources.js';

/** A node that answers requests by address and remembers what it was asked. */
function node(answers) {
  const asked = [];
  return {
    asked,
    count: address => asked.filter(a => a.address === address).length,
    bus: {
      async request(address, body) {
        asked.push({ address, body });
        const answer = answers[address];
        if (!answer) {
          throw new Error(`nothing answers ${address}`);
        }
        return structuredClone(await answer(body));
      },
    },
  };
}

const order = (id, sequence, extra = {}) => ({ order_id: id, status: 'ACTIVE', table_id: null, total: 0, last_sequence: sequence, ...extra });
const event = (sequence, orderId, commandId = `c${sequence}`) => ({ sequence, order_id: orderId, command_id: commandId, event_type: 'ITEMS_ADDED' });

/** The node's orders, as of each sequence: what pos.orders.get {order_id, at_sequence} answers. */
function history(states) {
  return ({ order_id: id, at_sequence: at }) => {
    const known = states.filter(s => s.order_id === id && s.last_sequence <= at).sort((a, b) => b.last_sequence - a.last_sequence);
    return known[0] ?? { success: false, error: { code: 'ORDER_NOT_FOUND' } };
  };
}

const settle = mirror => mirror.serial(() => {});

test('the first load takes every active order as of the server sequence', async () => {
  const n = node({ 'pos.orders.active': () => ({ server_sequence: 4, orders: [order('a', 4, { total: 300 })] }) });
  const changes = [];
  const mirror = new OrderMirror(n.bus, change => changes.push(change));
  await mirror.connected(false);
  assert.equal(mirror.sequence, 4);
  assert.equal(mirror.order('a').total, 300);
  assert.equal(changes.at(-1).reloaded, true);
});

test('a run of consecutive events is applied with each order as the node has it after the last of them', async () => {
  const n = node({
    'pos.orders.active': () => ({ server_sequence: 2, orders: [order('a', 2)] }),
    'pos.orders.get': history([order('a', 3, { total: 250 }), order('b', 4, { total: 300 }), order('a', 5, { total: 550 })]),
  });
  const mirror = new OrderMirror(n.bus, () => {});
  await mirror.connected(false);
  mirror.accept(event(4, 'b'));
  mirror.accept(event(3, 'a'));
  mirror.accept(event(5, 'a'));
  await settle(mirror);
  assert.equal(mirror.sequence, 5);
  assert.equal(mirror.order('a').total, 550, 'the page shows the node\'s snapshot; it never adds anything up');
  assert.equal(mirror.order('b').total, 300);
  assert.ok(n.asked.filter(a => a.address === 'pos.orders.get').every(a => a.body.at_sequence >= 3));
  assert.equal(n.count('pos.orders.sync'), 0);
});

test('an event beyond the next sequence is a gap: the mirror syncs since its sequence', async () => {
  const n = node({
    'pos.orders.active': () => ({ server_sequence: 5, orders: [order('a', 5)] }),
    'pos.orders.sync': ({ since_sequence }) => {
      assert.equal(since_sequence, 5);
      return { events: [event(6, 'a'), event(7, 'b')], active_orders: [], server_sequence: 7, requires_full_sync: false };
    },
    'pos.orders.get': history([order('a', 6, { total: 100 }), order('b', 7, { status: 'COMPLETED', receipt_number: 'R-1' })]),
  });
  const mirror = new OrderMirror(n.bus, () => {});
  await mirror.connected(false);
  mirror.accept(event(7, 'b'));
  await settle(mirror);
  assert.equal(n.count('pos.orders.sync'), 1);
  assert.equal(mirror.sequence, 7);
  assert.equal(mirror.order('a').total, 100);
  assert.equal(mirror.orders.has('b'), false, 'a closed order leaves the active orders');
  assert.equal(mirror.order('b').receipt_number, 'R-1', 'and stays readable a while');
  assert.equal(mirror.stats.gaps, 1);
});

test('a node that cannot give the missing events sends every active order instead', async () => {
  const n = node({
    'pos.orders.active': () => ({ server_sequence: 1, orders: [order('a', 1), order('old', 1)] }),
    'pos.orders.sync': () => ({ events: [], active_orders: [order('a', 1400, { total: 999 })], server_sequence: 1500,
      requires_full_sync: true }),
  });
  const mirror = new OrderMirror(n.bus, () => {});
  await mirror.connected(false);
  await mirror.connected(false); // a reconnection
  assert.equal(mirror.sequence, 1500);
  assert.deepEqual(mirror.active().map(o => o.order_id), ['a']);
  assert.equal(mirror.order('old').stale, true, 'gone meanwhile: how it ended is read when it is shown');
});

test('events that arrive while the mirror syncs are kept and applied afterwards, the older ones dropped', async () => {
  let release;
  let syncAsked;
  const syncing = new Promise(resolve => { syncAsked = resolve; });
  const n = node({
    'pos.orders.active': () => ({ server_sequence: 1, orders: [order('a', 1)] }),
    'pos.orders.sync': () => new Promise(resolve => {
      release = () => resolve({ events: [event(2, 'a')], active_orders: [], server_sequence: 2, requires_full_sync: false });
      syncAsked();
    }),
    'pos.orders.get': history([order('a', 2, { total: 2 }), order('a', 3, { total: 3 })]),
  });
  const mirror = new OrderMirror(n.bus, () => {});
  await mirror.connected(false);
  const reconnected = mirror.connected(false);
  await syncing; // the mirror is waiting for its sync
  mirror.accept(event(2, 'a'));
  mirror.accept(event(3, 'a'));
  release();
  await reconnected;
  await settle(mirror);
  assert.equal(mirror.sequence, 3);
  assert.equal(mirror.order('a').total, 3);
  assert.equal(n.count('pos.orders.sync'), 1, 'no gap: the live events followed on from the sync');
});

test('a command is shown once its events are in the mirror, and at once when they already are', async () => {
  const n = node({
    'pos.orders.active': () => ({ server_sequence: 0, orders: [] }),
    'pos.orders.get': history([order('a', 1)]),
  });
  const mirror = new OrderMirror(n.bus, () => {});
  await mirror.connected(false);
  const waiting = mirror.applied('open-a');
  mirror.accept(event(1, 'a', 'open-a'));
  assert.equal(await waiting, true);
  assert.equal(await mirror.applied('open-a'), true);
  assert.equal(await mirror.applied('never', 20), false, 'nothing waits for ever');
});

test('a snapshot the node cannot give stops the run: the mirror does not guess and syncs on the next event', async () => {
  let fail = true;
  const n = node({
    'pos.orders.active': () => ({ server_sequence: 0, orders: [] }),
    'pos.orders.get': body => (fail ? { success: false, error: { code: 'STORAGE_UNAVAILABLE' } } : history([order('a', 1)])(body)),
    'pos.orders.sync': () => ({ events: [event(1, 'a')], active_orders: [], server_sequence: 1, requires_full_sync: false }),
  });
  const mirror = new OrderMirror(n.bus, () => {});
  await mirror.connected(false);
  mirror.accept(event(1, 'a'));
  await settle(mirror);
  assert.equal(mirror.sequence, 0);
  fail = false;
  await mirror.connected(false);
  assert.equal(mirror.sequence, 1);
  assert.ok(mirror.order('a'));
});

// ------------------------------------------------------------------------------------------- resources

function resourceNode(state) {
  return node({
    'pos.resources.status': () => ({ epoch: state.epoch, versions: { product: state.version } }),
    'pos.resources.list': ({ resource }) => ({ resource, version: state.version, items: state.items }),
    'pos.resources.changes': ({ since_version }) => ({
      resource: 'product', version: state.version, requires_full_sync: state.fullOnly,
      changes: state.fullOnly ? [] : state.log.filter(c => c.version > since_version),
    }),
  });
}

const sync = (version, id, data, action = 'updated') => ({ resource: 'product', action, id, version, data });

test('resources: loaded by list, then each sync message of the next version applied, older ones skipped', async () => {
  const state = { epoch: 'e1', version: 2, items: [{ id: 'cola', name: 'Cola', price: 300 }], log: [], fullOnly: false };
  const n = resourceNode(state);
  const mirror = new ResourceMirror(n.bus, ['product'], () => {});
  assert.equal(await mirror.connected(), true);
  mirror.accept(sync(3, 'cola', { id: 'cola', name: 'Cola', price: 320 }));
  mirror.accept(sync(2, 'cola', { id: 'cola', name: 'Cola', price: 1 }));
  mirror.accept({ resource: 'gift_card', action: 'created', id: 'g', version: 1, data: {} });
  await settle(mirror);
  assert.equal(mirror.item('product', 'cola').price, 320);
  assert.equal(mirror.versions.product, 3);
  assert.equal(n.count('pos.resources.changes'), 0);
});

test('resources: a gap is caught up by the changes, or by the list when the log does not reach back', async () => {
  const state = { epoch: 'e1', version: 1, items: [{ id: 'cola', price: 300 }], log: [], fullOnly: false };
  const n = resourceNode(state);
  const mirror = new ResourceMirror(n.bus, ['product'], () => {});
  await mirror.connected();
  state.version = 3;
  state.log = [sync(2, 'tea', { id: 'tea', price: 200 }, 'created'), sync(3, 'cola', { id: 'cola', price: 310 })];
  mirror.accept(state.log[1]);
  await settle(mirror);
  assert.equal(n.count('pos.resources.changes'), 1);
  assert.equal(mirror.item('product', 'tea').price, 200);
  assert.equal(mirror.versions.product, 3);

  state.version = 9;
  state.fullOnly = true;
  state.items = [{ id: 'water', price: 150 }];
  mirror.accept(sync(9, 'water', { id: 'water', price: 150 }, 'created'));
  await settle(mirror);
  assert.deepEqual(mirror.list('product').map(p => p.id), ['water']);
  assert.equal(mirror.versions.product, 9);
});

test('resources: a reconnection in the same epoch catches up changed types; a new epoch reloads everything', async () => {
  const state = { epoch: 'e1', version: 1, items: [{ id: 'cola', price: 300 }], log: [], fullOnly: false };
  const n = resourceNode(state);
  const mirror = new ResourceMirror(n.bus, ['product'], () => {});
  await mirror.connected();
  state.version = 2;
  state.log = [sync(2, 'cola', { id: 'cola', price: 330 })];
  assert.equal(await mirror.connected(), false);
  assert.equal(mirror.item('product', 'cola').price, 330);
  const lists = n.count('pos.resources.list');

  state.epoch = 'e2';
  state.version = 1;
  state.items = [{ id: 'cola', price: 300 }];
  assert.equal(await mirror.checkEpoch({ epoch: 'e2', versions: { product: 1 } }), true);
  assert.equal(n.count('pos.resources.list'), lists + 1);
  assert.equal(mirror.item('product', 'cola').price, 300);
  assert.equal(await mirror.checkEpoch({ epoch: 'e2', versions: { product: 1 } }), false);

  state.epoch = 'e3'; // the node restarted while the page was away: same versions, another epoch
  state.items = [{ id: 'cola', price: 280 }];
  assert.equal(await mirror.connected(), true);
  assert.equal(mirror.item('product', 'cola').price, 280);
});
