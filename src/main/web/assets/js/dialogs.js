// The till's dialogs: opening a table or a counter order, changing and removing a line, paying (cash with change,
// card), splitting by items (the node quotes the amount) or by amount, moving, merging, the surcharge, completing
// with a receipt number, voiding, cancelling a payment, and the order's timeline in sentences. Each sends its
// command through commands.js and closes only once the node has done it; a refusal stays in the dialog, in words.
import { app } from './app.js';
import { canCommand, perform } from './commands.js';
import { dialog, fill, gateCommands, h, toast } from './dom.js';
import { clock, describe, methodWords, money, paidUnits, parseMoney, parsePercent, refusal, statusWords } from './words.js';

export const openDialogs = new Set();

/** A dialog that follows its order: when the order closes or leaves meanwhile it says so and sends nothing. */
function orderDialog(order, options, update) {
  const d = dialog({ ...options, onClose: () => openDialogs.delete(d) });
  d.update = () => {
    const now = app.orders.order(order.order_id);
    if (!now || now.status !== 'ACTIVE') {
      d.el.querySelectorAll('[data-command]').forEach(b => { b.dataset.blocked = 'true'; });
      d.error(`This order is ${now ? statusWords(now.status).toLowerCase() : 'gone'} now (on another till, perhaps): nothing more to do here.`);
    } else {
      update?.(now);
    }
  };
  openDialogs.add(d);
  return d;
}

function field(label, input, hint) {
  return h('label.field', {}, h('span', {}, label), input, hint ? h('small', {}, hint) : null);
}

function stepper(value, min, max, onChange, label) {
  let current = value;
  const shown = h('output.qty', { 'aria-label': label }, String(current));
  const set = next => {
    current = Math.max(min, Math.min(max, next));
    shown.textContent = String(current);
    onChange(current);
  };
  const el = h('span.stepper', {},
    h('button.icon', { type: 'button', 'aria-label': `${label}: fewer`, dataset: { step: '-1' }, onclick: () => set(current - 1) }, '−'),
    shown,
    h('button.icon', { type: 'button', 'aria-label': `${label}: more`, dataset: { step: '1' }, onclick: () => set(current + 1) }, '+'));
  el.value = () => current;
  return el;
}

export function openTable(table) {
  let guests = Math.min(table.seats ?? 2, 2);
  const d = dialog({
    title: `Open ${table.name}`,
    body: [field('Guests', stepper(guests, 1, 999, n => { guests = n; }, 'Guests'))],
    buttons: [h('button.primary', { type: 'button', id: 'confirm-open', dataset: { command: 'open-table' }, onclick: async () => {
      const response = await perform({ type: 'OPEN_TABLE', what: `Opening ${table.name}`, report: d.error,
        payload: { table_id: table.id, guest_count: guests } });
      if (response?.success) {
        d.close();
        app.select(response.order_id);
      }
    } }, 'Open table')],
  });
}

export function openCounter() {
  const label = h('input', { type: 'text', id: 'counter-label', maxLength: 60, value: `Counter ${app.counterOrders().length + 1}` });
  const d = dialog({
    title: 'New counter order',
    body: [field('Name on the order', label, 'A guest\'s name or a number, to call it out.')],
    buttons: [h('button.primary', { type: 'button', id: 'confirm-counter', dataset: { command: 'open-counter' }, onclick: async () => {
      const name = label.value.trim();
      if (!name) {
        d.error('Give the order a name.');
        return;
      }
      const response = await perform({ type: 'OPEN_TABLE', what: 'Opening a counter order', report: d.error, payload: { table_name: name } });
      if (response?.success) {
        d.close();
        app.select(response.order_id);
      }
    } }, 'Start order')],
  });
}

export function lineDialog(order, line) {
  const paid = paidUnits(order, line.instance_id);
  const product = app.resources.item('product', line.product_id);
  let units = line.quantity - paid;
  const discount = h('input', { type: 'text', inputMode: 'decimal', id: 'discount', value: String(line.discount_percent ?? 0) });
  const price = h('input', { type: 'text', inputMode: 'decimal', id: 'price', value: money(line.price).replace(/,/g, '') });
  const options = h('input', { type: 'text', id: 'options', value: (line.options ?? []).join(', '), placeholder: 'e.g. no ice, extra shot' });
  const note = h('input', { type: 'text', id: 'note', maxLength: 200, value: line.note ?? '' });
  const presets = h('span.presets', {}, [0, 10, 20, 50, 100].map(p => h('button.chip', { type: 'button', onclick: () => { discount.value = String(p); } }, `${p}%`)));
  const d = orderDialog(order, {
    title: `${line.quantity}× ${line.name}`,
    className: 'line-dialog',
    body: [
      h('p.muted', {}, [`${money(line.price)} each`, describe(line), paid ? `${paid} paid for` : null].filter(Boolean).join(' · ')),
      units > 1 ? field('Units to change', stepper(units, 1, units, n => { units = n; }, 'Units')) : null,
      field('Discount %', h('span.inline', {}, discount, presets)),
      field('Price each', price, product ? `Catalog price ${money(product.price)}` : null),
      field('Options', options, 'Separated by commas'),
      field('Note', note),
    ],
    buttons: [
      h('button.danger', { type: 'button', id: 'remove-line', dataset: { command: 'remove' }, onclick: () => { d.close(); removeDialog(order, line); } }, 'Remove…'),
      h('button.primary', { type: 'button', id: 'apply-line', dataset: { command: 'modify' }, onclick: async () => {
        const changes = {};
        const needs = [];
        const pct = parsePercent(discount.value);
        if (pct === null) {
          d.error('The discount is a percentage from 0 to 100, with at most two decimals.');
          return;
        }
        if (pct !== Number(line.discount_percent ?? 0)) {
          changes.discount_percent = pct;
          if (pct > 0) {
            needs.push('order.discount');
          }
        }
        const each = parseMoney(price.value);
        if (each === null) {
          d.error('The price is an amount such as 3.50.');
          return;
        }
        if (each !== line.price) {
          changes.price = each;
          if (!product || each !== product.price) {
            needs.push('order.price_override');
          }
        }
        const chosen = options.value.split(',').map(o => o.trim()).filter(Boolean);
        if ([...chosen].sort().join('\n') !== [...(line.options ?? [])].sort().join('\n')) {
          changes.options = chosen;
        }
        if ((note.value.trim() || null) !== (line.note ?? null)) {
          changes.note = note.value.trim() || null;
        }
        if (!Object.keys(changes).length) {
          d.error('Nothing is changed yet.');
          return;
        }
        const payload = { order_id: order.order_id, instance_id: line.instance_id, changes };
        if (units < line.quantity) {
          payload.affected_quantity = units;
        }
        const response = await perform({ type: 'MODIFY_ITEM', needs, report: d.error, payload,
          what: `Changing ${units} ${line.name}` });
        if (response?.success) {
          d.close();
        }
      } }, 'Apply'),
    ],
  });
  d.el.id = 'line-dialog';
}

function removeDialog(order, line) {
  const paid = paidUnits(order, line.instance_id);
  let units = line.quantity - paid;
  const reason = h('input', { type: 'text', id: 'remove-reason', maxLength: 200, placeholder: 'e.g. guest changed their mind' });
  const d = orderDialog(order, {
    title: `Remove ${line.name}`,
    body: [
      units > 1 ? field('Units to remove', stepper(units, 1, units, n => { units = n; }, 'Units')) : null,
      field('Reason', reason, 'Optional, kept in the audit trail.'),
    ],
    buttons: [h('button.danger', { type: 'button', id: 'confirm-remove', dataset: { command: 'remove' }, onclick: async () => {
      const payload = { order_id: order.order_id, instance_id: line.instance_id };
      if (units < line.quantity) {
        payload.quantity = units;
      }
      if (reason.value.trim()) {
        payload.reason = reason.value.trim();
      }
      const response = await perform({ type: 'REMOVE_ITEM', needs: ['order.remove_item'], report: d.error, payload,
        what: `Removing ${units} ${line.name}` });
      if (response?.success) {
        d.close();
      }
    } }, 'Remove')],
  });
}

function methodPicker(initial, onChange) {
  let method = initial;
  const buttons = ['cash', 'card'].map(m => h('button.chip', { type: 'button', dataset: { method: m }, class: m === method ? 'on' : '',
    onclick: () => {
      method = m;
      buttons.forEach(b => b.classList.toggle('on', b.dataset.method === m));
      onChange(m);
    } }, methodWords(m)));
  return h('span.methods', { role: 'group', 'aria-label': 'Payment method' }, buttons);
}

export function payDialog(order) {
  let method = 'cash';
  const amount = h('input', { type: 'text', inputMode: 'decimal', id: 'pay-amount', value: money(order.remaining).replace(/,/g, '') });
  const tendered = h('input', { type: 'text', inputMode: 'decimal', id: 'tendered', placeholder: 'what the guest handed over' });
  const quick = h('span.presets', {},
    h('button.chip', { type: 'button', onclick: () => { tendered.value = amount.value; } }, 'Exact'),
    [5, 10, 20, 50, 100].map(n => h('button.chip', { type: 'button', dataset: { tender: String(n) }, onclick: () => { tendered.value = `${n}.00`; } }, `${n}.00`)));
  const cash = h('div.cash', {}, field('Tendered', h('span.inline', {}, tendered, quick)));
  const remaining = h('p.lead', { id: 'pay-remaining' });
  const result = h('div.result', { id: 'pay-result', hidden: true });
  const take = h('button.primary', { type: 'button', id: 'take-payment', dataset: { command: 'pay' }, onclick: async () => {
    const minor = parseMoney(amount.value);
    if (!minor) {
      d.error('The amount is a sum such as 12.50.');
      return;
    }
    const payload = { order_id: order.order_id, method, amount: minor };
    if (method === 'cash') {
      const handed = tendered.value.trim() ? parseMoney(tendered.value) : minor;
      if (handed === null) {
        d.error('What the guest handed over is a sum such as 20.00.');
        return;
      }
      payload.tendered = handed;
    }
    d.error(null);
    const response = await perform({ type: 'ADD_PAYMENT', what: `Taking ${money(minor)} by ${method}`, report: d.error, payload });
    if (response?.success) {
      const event = (app.commandEvents.get(response.command_id) ?? []).find(e => e.event_type === 'PAYMENT_ADDED');
      const now = app.orders.order(order.order_id);
      fill(result,
        h('p.big', {}, `Paid ${money(minor)} by ${methodWords(method).toLowerCase()}.`),
        event?.payload.change ? h('p.change', { id: 'change-due' }, 'Change due ', h('strong', {}, money(event.payload.change))) : null,
        now && now.status === 'ACTIVE' && now.remaining > 0 ? h('p', {}, `Still to pay: ${money(now.remaining)}`) : null);
      result.hidden = false;
      form.hidden = true;
      take.hidden = true;
      finish.hidden = false;
      complete.hidden = !(now && now.status === 'ACTIVE' && now.remaining === 0);
    }
  } }, 'Take payment');
  const finish = h('button', { type: 'button', id: 'pay-done', hidden: true, onclick: () => d.close() }, 'Done');
  const complete = h('button.primary', { type: 'button', id: 'pay-complete', hidden: true, dataset: { command: 'complete' },
    onclick: () => { d.close(); completeDialog(app.orders.order(order.order_id)); } }, 'Complete order');
  const form = h('div', {}, remaining, field('Method', methodPicker(method, m => { method = m; cash.hidden = m !== 'cash'; })),
    field('Amount', amount), cash);
  const d = orderDialog(order, { title: 'Payment', className: 'pay-dialog', body: [form, result], buttons: [finish, complete, take] },
    now => { remaining.textContent = `To pay: ${money(now.remaining)}`; });
  d.el.id = 'pay-dialog';
  d.update();
}

export function splitDialog(order) {
  let mode = 'items';
  let method = 'card';
  let quote = null;
  const chosen = new Map();
  const quoteLine = h('p.lead', { id: 'split-quote' }, 'Choose what this guest pays for.');
  const itemsBox = h('div.split-items');
  const amount = h('input', { type: 'text', inputMode: 'decimal', id: 'split-amount', placeholder: '0.00' });
  const amountBox = h('div', { hidden: true }, field('Amount', amount));
  let asked = 0;
  const requote = async () => {
    const items = [...chosen].filter(([, n]) => n > 0).map(([instance_id, quantity]) => ({ instance_id, quantity }));
    quote = null;
    if (!items.length) {
      quoteLine.textContent = 'Choose what this guest pays for.';
      gateCommands(canCommand());
      return;
    }
    const mine = ++asked;
    quoteLine.textContent = 'Working out the amount…';
    try {
      const reply = await app.bus.request('pos.orders.quote', { order_id: order.order_id, items });
      if (mine !== asked) {
        return;
      }
      if (reply.success) {
        quote = { ...reply, items };
        fill(quoteLine, 'This guest pays ', h('strong', { id: 'split-due' }, money(reply.split_amount)),
          reply.surcharge ? ` (with ${money(reply.surcharge)} surcharge)` : '');
        d.error(null);
      } else {
        quoteLine.textContent = '';
        d.error(refusal(reply.error));
      }
    } catch (error) {
      quoteLine.textContent = '';
      d.error(refusal(error));
    }
  };
  const renderItems = now => {
    fill(itemsBox, ...now.items.map(line => {
      const free = line.quantity - paidUnits(now, line.instance_id);
      if (free <= 0) {
        return null;
      }
      chosen.set(line.instance_id, Math.min(chosen.get(line.instance_id) ?? 0, free));
      return h('div.split-line', { dataset: { instanceId: line.instance_id } },
        h('span.line-name', {}, `${line.name}`, describe(line) ? h('small', {}, describe(line)) : null, h('small', {}, `${free} unpaid`)),
        stepper(chosen.get(line.instance_id), 0, free, n => { chosen.set(line.instance_id, n); requote(); }, `${line.name} to pay`));
    }).filter(Boolean));
  };
  const tabs = h('nav.tabs.small', {},
    ['items', 'amount'].map(m => h('button', { type: 'button', dataset: { mode: m }, class: m === mode ? 'on' : '', onclick: () => {
      mode = m;
      tabs.querySelectorAll('button').forEach(b => b.classList.toggle('on', b.dataset.mode === m));
      itemsBox.hidden = quoteLine.hidden = m !== 'items';
      amountBox.hidden = m !== 'amount';
    } }, m === 'items' ? 'By items' : 'By amount')));
  const take = h('button.primary', { type: 'button', id: 'take-split', dataset: { command: 'split' }, onclick: async () => {
    let payload;
    if (mode === 'items') {
      if (!quote) {
        d.error('Choose at least one item.');
        return;
      }
      payload = { order_id: order.order_id, split_amount: quote.split_amount, payment_method: method, items: quote.items };
    } else {
      const minor = parseMoney(amount.value);
      if (!minor) {
        d.error('The amount is a sum such as 12.50.');
        return;
      }
      payload = { order_id: order.order_id, split_amount: minor, payment_method: method };
    }
    const response = await perform({ type: 'SPLIT_ORDER', what: `Taking ${money(payload.split_amount)} for part of the bill`, report: d.error, payload });
    if (response?.success) {
      d.close();
      toast(`Paid ${money(payload.split_amount)} by ${methodWords(method).toLowerCase()}.`);
    } else if (response?.error?.code === 'AMOUNT_MISMATCH') {
      requote();
    }
  } }, 'Take payment');
  const d = orderDialog(order, {
    title: 'Split the bill', className: 'split-dialog',
    body: [tabs, itemsBox, quoteLine, amountBox, field('Method', methodPicker(method, m => { method = m; }))],
    buttons: [take],
  }, now => renderItems(now));
  d.el.id = 'split-dialog';
  d.update();
}

export function moveDialog(order) {
  const free = app.resources.list('dining_table').filter(t => t.id !== order.table_id && !app.orders.atTable(t.id))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const d = orderDialog(order, {
    title: `Move ${order.table_name ?? 'this order'} to…`,
    body: free.length ? h('div.tiles.compact', {}, free.map(t => h('button.tile.free', {
      type: 'button', dataset: { tableId: t.id, command: 'move' },
      onclick: async () => {
        const response = await perform({ type: 'MOVE_ORDER', what: `Moving to ${t.name}`, report: d.error,
          payload: { order_id: order.order_id, target_table_id: t.id } });
        if (response?.success) {
          d.close();
        }
      },
    }, h('span.tile-name', {}, t.name), h('span.tile-meta', {}, app.resources.item('zone', t.zone_id)?.name ?? ''))))
      : h('p', {}, 'Every table is taken.'),
  });
  d.el.id = 'move-dialog';
}

export function mergeDialog(order) {
  const others = app.orders.active().filter(o => o.order_id !== order.order_id)
    .sort((a, b) => (a.table_name ?? '').localeCompare(b.table_name ?? '', undefined, { numeric: true }));
  const d = orderDialog(order, {
    title: `Merge ${order.table_name ?? 'this order'} into…`,
    body: [h('p.muted', {}, 'Everything on this order, payments included, goes to the order you choose; this one closes.'),
      others.length ? h('div.tiles.compact', {}, others.map(o => h('button.tile.occupied', {
        type: 'button', dataset: { orderId: o.order_id, command: 'merge' },
        onclick: async () => {
          const response = await perform({ type: 'MERGE_ORDERS', what: `Merging into ${o.table_name ?? 'the counter order'}`, report: d.error,
            payload: { source_order_id: order.order_id, target_order_id: o.order_id } });
          if (response?.success) {
            d.close();
            app.select(o.order_id);
          }
        },
      }, h('span.tile-name', {}, o.table_name ?? 'Counter'), h('span.tile-total', {}, money(o.total)))))
        : h('p', {}, 'There is no other open order.')],
  });
  d.el.id = 'merge-dialog';
}

export async function toggleSurcharge(order) {
  const exempt = !order.surcharge_exempt;
  await perform({ type: 'SET_SURCHARGE_EXEMPT', needs: ['order.surcharge_exempt'],
    what: exempt ? 'Waiving the surcharge' : 'Restoring the surcharge', payload: { order_id: order.order_id, exempt } });
}

/** A receipt number no other order gets: the date, and the order's last sequence (one order's alone). */
function proposeReceipt(order) {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return `R-${day}-${order.last_sequence}`;
}

export function completeDialog(order) {
  const receipt = h('input', { type: 'text', id: 'receipt', maxLength: 64, value: proposeReceipt(order) });
  const d = orderDialog(order, {
    title: 'Complete the order',
    body: [h('p.lead', {}, order.remaining === 0 ? `Paid in full: ${money(order.total)}.` : `Still to pay: ${money(order.remaining)}.`),
      field('Receipt number', receipt, 'Proposed by the till; type the printer\'s number if it has one.')],
    buttons: [h('button.primary', { type: 'button', id: 'confirm-complete', dataset: { command: 'complete' }, onclick: async () => {
      if (!receipt.value.trim()) {
        d.error('A receipt number is needed.');
        return;
      }
      const response = await perform({ type: 'COMPLETE_ORDER', what: 'Completing the order', report: d.error,
        payload: { order_id: order.order_id, receipt_number: receipt.value.trim() } });
      if (response?.success) {
        d.close();
        toast(`Completed: receipt ${receipt.value.trim()}.`);
      }
    } }, 'Complete')],
  });
  d.el.id = 'complete-dialog';
}

export function voidDialog(order) {
  const reason = h('input', { type: 'text', id: 'void-reason', maxLength: 200, placeholder: 'Why is this order voided?' });
  const presets = h('span.presets', {}, ['Guest left', 'Rung up by mistake', 'Test order'].map(text =>
    h('button.chip', { type: 'button', onclick: () => { reason.value = text; } }, text)));
  const d = orderDialog(order, {
    title: `Void ${order.table_name ?? 'this order'}`,
    body: [h('p', {}, 'The order is closed without payment. Payments taken must be cancelled first.'), field('Reason', reason), presets],
    buttons: [h('button.danger', { type: 'button', id: 'confirm-void', dataset: { command: 'void' }, onclick: async () => {
      if (!reason.value.trim()) {
        d.error('A reason is needed: it is kept in the audit trail.');
        return;
      }
      const response = await perform({ type: 'VOID_ORDER', needs: ['order.void'], what: 'Voiding the order', report: d.error,
        payload: { order_id: order.order_id, reason: reason.value.trim() } });
      if (response?.success) {
        d.close();
      }
    } }, 'Void order')],
  });
  d.el.id = 'void-dialog';
}

export function cancelPayment(order, payment) {
  const reason = h('input', { type: 'text', id: 'cancel-reason', maxLength: 200, placeholder: 'e.g. card declined, refunded in cash' });
  const d = orderDialog(order, {
    title: `Cancel the ${methodWords(payment.method).toLowerCase()} payment of ${money(payment.amount)}`,
    body: [field('Reason', reason)],
    buttons: [h('button.danger', { type: 'button', id: 'confirm-cancel-payment', dataset: { command: 'cancel-payment' }, onclick: async () => {
      if (!reason.value.trim()) {
        d.error('A reason is needed.');
        return;
      }
      const response = await perform({ type: 'CANCEL_PAYMENT', needs: ['order.cancel_payment'], what: 'Cancelling the payment',
        report: d.error, payload: { order_id: order.order_id, payment_id: payment.payment_id, reason: reason.value.trim() } });
      if (response?.success) {
        d.close();
      }
    } }, 'Cancel payment')],
  });
}

/** The order's audit trail in sentences (pos.orders.audit), read again whenever the order changes. */
export function showTimeline(order) {
  const list = h('ol.timeline', { id: 'timeline-list' }, h('li.muted', {}, 'Loading…'));
  let shown = null;
  const load = async () => {
    const now = app.orders.order(order.order_id);
    if (shown !== null && (!now || now.last_sequence === shown)) {
      return;
    }
    shown = now?.last_sequence ?? 0;
    try {
      const reply = await app.bus.request('pos.orders.audit', { order_id: order.order_id });
      if (reply.success === false) {
        fill(list, h('li.dialog-error', {}, refusal(reply.error)));
        return;
      }
      fill(list, ...reply.entries.map(entry => h('li', { dataset: { sequence: String(entry.sequence), type: entry.event_type } },
        h('time', {}, clock(entry.timestamp)), h('span', {}, entry.sentence))));
    } catch (error) {
      fill(list, h('li.dialog-error', {}, refusal(error)));
    }
  };
  const d = dialog({ title: `Timeline — ${order.table_name ?? 'counter order'}`, className: 'timeline-dialog', body: list,
    onClose: () => openDialogs.delete(d) });
  d.el.id = 'timeline-dialog';
  d.update = load;
  openDialogs.add(d);
  load();
}
