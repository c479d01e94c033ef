// Drives a whole order through the node's SockJS event-bus bridge with the official Vert.x client
// (@vertx/eventbus-bridge-client.js) under Node: open a table, add items, pay, complete, then read
// the order back, its timeline and an incremental sync, and check every event arrived in sequence.
//
//   node whole-order.cjs <bridge URL>
//     e.g. http://127.0.0.1:8080/eventbus (the loopback listener: no login)
//     or   REDCORAL_TOKEN=rct_… NODE_EXTRA_CA_CERTS=certs/dev/ca.pem node whole-order.cjs https://pos-node:8443/eventbus
//
// With REDCORAL_TOKEN set, the first frame logs in with that terminal token (pos.auth.login), as the
// network listener wants from a connection without a client certificate; nothing else is sent before
// the node accepts it. Trust for an https URL comes from NODE_EXTRA_CA_CERTS (the store CA's ca.pem).
// Prints one JSON summary line and exits 0, or prints what went wrong and exits 1.
'use strict';
const EventBus = require('@vertx/eventbus-bridge-client.js');
const { randomUUID } = require('node:crypto');

const url = process.argv[2];
const token = process.env.REDCORAL_TOKEN;
const operator = { id: process.env.OPERATOR_ID || 'emp_01', name: process.env.OPERATOR_NAME || 'Zhang San' };
const fail = (message) => {
  console.error('whole-order: ' + message);
  process.exit(1);
};
const timer = setTimeout(() => fail('timed out after 20 s'), 20000);

const bus = new EventBus(url);
const events = [];
const waiters = [];
bus.onerror = (e) => fail('bridge error: ' + JSON.stringify(e));

function request(address, body) {
  return new Promise((resolve, reject) => bus.send(address, body, {}, (err, reply) =>
    err ? reject(new Error(address + ': ' + JSON.stringify(err))) : resolve(reply.body)));
}

async function command(type, payload) {
  const response = await request('pos.orders.command', {
    command_id: randomUUID(), timestamp: Date.now(), operator_id: operator.id,
    operator_name: operator.name, type, payload,
  });
  if (!response.success) fail(type + ' refused: ' + JSON.stringify(response.error));
  return response;
}

/** Resolves once an event matching `test` has arrived on pos.orders.events. */
function eventArrived(test) {
  return new Promise((resolve) => {
    const check = () => events.some(test);
    if (check()) return resolve();
    waiters.push({ check, resolve });
  });
}

/** The token login, first: resolves with who the node takes this connection for (null without a token). */
async function login() {
  if (!token) return null;
  const reply = await request('pos.auth.login', { token });
  if (!reply.success) fail('login refused: ' + JSON.stringify(reply.error));
  return reply;
}

bus.onopen = async () => {
  try {
    const identity = await login();
    bus.registerHandler('pos.orders.events', {}, (err, message) => {
      if (err) fail('pos.orders.events: ' + JSON.stringify(err));
      events.push(message.body);
      for (const w of waiters.splice(0)) (w.check() ? w.resolve() : waiters.push(w));
    });
    // A request after the registration reaches the node after it, so no event of this order is missed.
    const before = (await request('pos.orders.sync', { since_sequence: 0 })).server_sequence;

    const opened = await command('OPEN_TABLE', { table_id: process.env.TABLE_ID || 'T1', guest_count: 2 });
    const orderId = opened.order_id;
    await command('ADD_ITEMS', { order_id: orderId, items: [
      { product_id: 'espresso', quantity: 2 }, { product_id: 'cola', quantity: 1 }] });
    const order = await request('pos.orders.get', { order_id: orderId });
    await command('ADD_PAYMENT', { order_id: orderId, method: 'CASH', amount: order.total, tendered: order.total + 200 });
    await command('COMPLETE_ORDER', { order_id: orderId, receipt_number: 'JS-1' });
    await eventArrived((e) => e.order_id === orderId && e.event_type === 'ORDER_COMPLETED');

    const mine = events.filter((e) => e.order_id === orderId);
    mine.forEach((e, i) => { if (i > 0 && e.sequence <= mine[i - 1].sequence) fail('events out of order'); });
    const final = await request('pos.orders.get', { order_id: orderId });
    const timeline = await request('pos.orders.timeline', { order_id: orderId });
    const sync = await request('pos.orders.sync', { since_sequence: before });
    clearTimeout(timer);
    console.log(JSON.stringify({
      identity: identity && { name: identity.name, role: identity.role, source: identity.source },
      order_id: orderId, status: final.status, total: final.total, paid_total: final.paid_total, remaining: final.remaining,
      receipt_number: final.receipt_number, event_types: mine.map((e) => e.event_type),
      timeline_types: timeline.events.map((e) => e.event_type),
      synced_types: (sync.events || []).filter((e) => e.order_id === orderId).map((e) => e.event_type),
    }));
    bus.close();
    process.exit(0);
  } catch (e) {
    fail(e.message);
  }
};
