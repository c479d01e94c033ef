// Sending commands from the till: one at a time, shown as pending until the node answers (ACK or NACK) and the
// command's events are in the mirror; a manager's approval asked for on the spot when the operator's role lacks a
// permission the command needs (or the node says one is needed); a command without an answer sent again, by the
// same command id, only when the cashier says so. Nothing is shown before the node has done it.
import { app } from './app.js';
import { dialog, fill, gateCommands, h, pinPad, toast } from './dom.js';
import { initials, refusal } from './words.js';

export const PERMISSION_WORDS = {
  'order.discount': 'give a discount',
  'order.price_override': 'sell at another price than the catalog\'s',
  'order.remove_item': 'remove items from an order',
  'order.cancel_payment': 'cancel a payment',
  'order.void': 'void an order',
  'order.surcharge_exempt': 'waive or restore the surcharge',
};

/** The operator's permissions as their role has them now (the mirror follows role changes), else as at sign-in. */
export function permissions() {
  const employee = app.resources.item('employee', app.state.operator?.operator_id);
  const role = employee && app.resources.item('role', employee.role_id);
  return role ? role.permissions ?? [] : app.state.operator?.permissions ?? [];
}

export function may(permission) {
  return permissions().includes(permission);
}

export function canCommand() {
  return app.bus.online && !app.state.busy;
}

function uuid() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function showPending() {
  const el = document.getElementById('pending');
  el.hidden = !app.state.busy;
  el.querySelector('.text').textContent = app.state.busy ? `${app.state.busy}…` : '';
  document.body.classList.toggle('busy', !!app.state.busy);
}

/**
 * Sends an OrderCommand and answers with the node's CommandResponse, or null when it was not sent or the
 * cashier gave up. Asks for a manager's approval first when the operator's role lacks one of the permissions
 * `needs`, and again when
 * the node says one is required or was not accepted. Pending until the node answers and the command's events
 * are in the mirror; a refusal goes to `report` (the open dialog's error line) or a toast.
 */
export async function perform({ type, payload, needs = [], what, report = null }) {
  let approval = null;
  const missing = needs.filter(permission => !may(permission));
  if (missing.length) {
    approval = await askApproval(missing);
    if (!approval) {
      return null;
    }
  }
  let command = null;
  for (;;) {
    command ??= {
      command_id: uuid(), timestamp: Date.now(), operator_id: app.state.operator.operator_id,
      operator_name: app.state.operator.name, type, payload, authorizer_id: approval?.authorizer_id ?? null,
      authorizer_pin: approval?.authorizer_pin ?? null,
    };
    const response = await send(command, what);
    if (response.success) {
      return response;
    }
    const error = response.error;
    if (error.kind === 'timeout' || error.kind === 'lost') {
      if (await confirmResend(what, error)) {
        continue; // the same command id: the node does it at most once
      }
      return null;
    }
    if (error.code === 'UNKNOWN_OPERATOR') {
      app.signOut(refusal(error));
      return response;
    }
    if (error.code === 'AUTHORIZATION_REQUIRED' || error.code === 'AUTHORIZATION_FAILED') {
      approval = await askApproval(missing.length ? missing : needs, error.code === 'AUTHORIZATION_FAILED' ? refusal(error) : null);
      if (!approval) {
        return response;
      }
      command = null;
      continue;
    }
    const words = refusal(error);
    if (report) {
      report(words);
    } else {
      toast(words, { error: true });
    }
    return response;
  }
}

async function send(command, what) {
  app.state.busy = what;
  showPending();
  gateCommands(false);
  try {
    const response = await app.bus.request('pos.orders.command', command, 10000);
    if (response.success && !response.duplicate) {
      app.state.busy = 'Updating';
      showPending();
      await app.orders.applied(command.command_id);
    }
    return response;
  } catch (error) {
    return { success: false, error };
  } finally {
    app.state.busy = null;
    showPending();
    app.changed();
  }
}

/**
 * The node did not answer (in time, or before the connection dropped): whether to send the same command again.
 * "Send again" waits for the connection like every command control; the node does a command id at most once.
 */
function confirmResend(what, error) {
  return new Promise(resolve => {
    let settled = false;
    const finish = value => {
      if (!settled) {
        settled = true;
        d.close();
        resolve(value);
      }
    };
    const d = dialog({
      title: 'No answer from the node',
      body: [h('p', {}, `${what}: ${refusal(error)}`),
        h('p', {}, 'Sending it again is safe: it is the same command, and the node does it at most once.')],
      buttons: [
        h('button.ghost', { type: 'button', id: 'leave-it', onclick: () => finish(false) }, 'Leave it'),
        h('button.primary', { type: 'button', id: 'send-again', dataset: { command: 'resend' }, onclick: () => finish(true) },
          'Send again'),
      ],
      onClose: () => finish(false),
    });
    d.el.id = 'no-answer';
    gateCommands(canCommand());
  });
}

/**
 * A manager approves on the spot: who (an active employee whose role has the permission) and their PIN. Resolves
 * with {authorizer_id, authorizer_pin}, or null when cancelled.
 */
function askApproval(needed, problem = null) {
  return new Promise(resolve => {
    let settled = false;
    const finish = value => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    const approvers = app.resources.list('employee')
      .filter(e => e.active !== false && e.id !== app.state.operator.operator_id
        && needed.every(p => (app.resources.item('role', e.role_id)?.permissions ?? []).includes(p)))
      .sort((a, b) => a.name.localeCompare(b.name));
    const body = h('div.approval');
    const d = dialog({
      title: 'Manager approval',
      className: 'approval-dialog',
      body,
      onClose: () => finish(null),
    });
    d.el.id = 'approval';
    const why = needed.length
      ? `Only someone who may ${needed.map(p => PERMISSION_WORDS[p] ?? p).join(' and ')} can approve this.`
      : 'A manager needs to approve this.';
    const choose = () => fill(body, h('p', {}, why), approvers.length
      ? h('div.people', {}, approvers.map(e => h('button.person', { type: 'button', dataset: { approver: e.id }, onclick: () => pin(e) },
        h('span.initials', {}, initials(e.name)), h('span', {}, e.name))))
      : h('p.dialog-error', {}, 'No active employee of this store may approve this.'));
    const pin = approver => {
      const pad = pinPad({
        label: `PIN of ${approver.name}`,
        onEnter: digits => {
          finish({ authorizer_id: approver.id, authorizer_pin: digits });
          d.close();
        },
      });
      fill(body, h('p.lead', {}, `${approver.name}, enter your PIN to approve`), pad,
        h('button.ghost', { type: 'button', onclick: choose }, '← Someone else'));
      pad.focus();
    };
    choose();
    d.error(problem);
  });
}
