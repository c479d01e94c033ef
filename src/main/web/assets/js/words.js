// What the screen says: money from minor units, percentages, times, and every refusal in words.

/** 1250 → "12.50", -5 → "-0.05": minor units as major units with two decimals, no floating point. */
export function money(minor) {
  if (minor === null || minor === undefined) {
    return '';
  }
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${major}.${String(abs % 100).padStart(2, '0')}`;
}

/** "12.5" → 1250, "12" → 1200, "0.5" → 50; null for anything that is not an amount with at most two decimals. */
export function parseMoney(text) {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text ?? '');
  if (!match) {
    return null;
  }
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** A percentage from 0 to 100 with at most two decimals, as a number; null otherwise. */
export function parsePercent(text) {
  const match = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*$/.exec(text ?? '');
  if (!match) {
    return null;
  }
  const value = Number(`${match[1]}.${match[2] ?? '0'}`);
  return value <= 100 ? value : null;
}

export function percent(value) {
  return `${Number(value)}%`;
}

export function clock(millis) {
  return new Date(millis).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "5 min", "1 h 10 min" since `millis`. */
export function since(millis, now = Date.now()) {
  const minutes = Math.max(0, Math.floor((now - millis) / 60000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const REFUSALS = {
  INVALID_COMMAND: 'The node could not take this as it was filled in.',
  INVALID_REQUEST: 'The node could not take this request as it was filled in.',
  ORDER_NOT_FOUND: 'This order does not exist (any more).',
  ORDER_NOT_ACTIVE: 'This order is closed already: completed, voided or merged into another.',
  ITEM_NOT_FOUND: 'That item is no longer on the order.',
  INSUFFICIENT_QUANTITY: 'There are not that many of this item left to change (some may be paid for already).',
  PAYMENT_NOT_FOUND: 'That payment is not on this order.',
  PAYMENT_ALREADY_CANCELLED: 'That payment was cancelled already.',
  NOT_FULLY_PAID: 'The order is not fully paid yet: take the rest first.',
  AMOUNT_MISMATCH: 'The amount does not match the items chosen: the order changed meanwhile. Choose them again.',
  TABLE_OCCUPIED: 'That table already has an open order.',
  TABLE_NOT_FOUND: 'That table does not exist (any more).',
  PRODUCT_NOT_FOUND: 'That product is not on sale any more.',
  UNKNOWN_OPERATOR: 'You are not an active employee of this store any more. Sign in again.',
  AUTHORIZATION_REQUIRED: 'This needs a manager\'s approval.',
  AUTHORIZATION_FAILED: 'The manager\'s PIN was not accepted, or they may not approve this.',
  AUTHORIZATION_THROTTLED: 'Too many wrong PINs.',
  NOT_PRIMARY: 'This node is the standby: it takes no orders right now.',
  STORAGE_UNAVAILABLE: 'The node cannot save anything right now (its disk failed). Nothing was changed. Call for help.',
  PAYMENTS_EXCEED_TOTAL: 'That would leave more paid than the order costs. Cancel a payment first.',
  ORDER_HAS_PAYMENTS: 'The order still has payments: cancel (refund) them before voiding it.',
  AUTHENTICATION_FAILED: 'The node did not accept this device\'s token: it is unknown, mistyped or revoked.',
  TOO_MANY_CONNECTIONS: 'This token is in use on too many screens at once.',
  TICKET_NOT_FOUND: 'That ticket is gone: it was done a while ago.',
  RECALL_WINDOW_PASSED: 'That ticket was done too long ago to bring back.',
  TICKET_CANCELLED: 'That ticket was cancelled: there is nothing to make.',
};

/** Refusals whose message from the node tells the person something the words do not: a field, a wait. */
const DETAILED = new Set(['INVALID_COMMAND', 'INVALID_REQUEST', 'AUTHORIZATION_THROTTLED']);

/**
 * A refusal `{code, message}` (or a BusError) in words: what it means for the person at the screen, and the
 * node's own words after it when they add something (which field, how long to wait).
 */
export function refusal(error) {
  if (!error) {
    return 'Something went wrong.';
  }
  if (error.kind === 'offline') {
    return 'Not sent: there is no connection to the node. Try again once the till is back online.';
  }
  if (error.kind === 'lost') {
    return 'The connection to the node was lost before it answered. It may or may not have taken it: the order on screen shows what it did once the till is back online.';
  }
  if (error.kind === 'timeout') {
    return 'No answer from the node in time. It may or may not have taken it: the order on screen shows what it did.';
  }
  if (error.kind === 'failure') {
    return error.code === 'rejected' || error.code === 'access_denied'
      ? 'This device may not do that (its pairing does not allow it).'
      : `The node could not answer: ${error.message}.`;
  }
  const words = REFUSALS[error.code];
  if (!words) {
    return `Refused: ${error.message ?? error.code}`;
  }
  return DETAILED.has(error.code) && error.message ? `${words} (${error.message})` : words;
}

// ------------------------------------------------------------------------------------------ orders in words

export function statusWords(status) {
  return { ACTIVE: 'Open', COMPLETED: 'Completed', VOIDED: 'Voided', MERGED: 'Merged' }[status] ?? status;
}

export function methodWords(method) {
  return { cash: 'Cash', card: 'Card' }[method] ?? method;
}

export function describe(line) {
  return [line.spec, ...(line.options ?? []), line.note ? `note: ${line.note}` : null].filter(Boolean).join(' · ');
}

export function paidUnits(order, instanceId) {
  return order.payments.filter(p => !p.cancelled).flatMap(p => p.items ?? [])
    .filter(i => i.instance_id === instanceId).reduce((sum, i) => sum + i.quantity, 0);
}

export function initials(name) {
  return name.split(/\s+/).map(part => part[0]).join('').slice(0, 2).toUpperCase();
}

export function itemCount(n) {
  return n === 1 ? '1 item' : `${n} items`;
}
