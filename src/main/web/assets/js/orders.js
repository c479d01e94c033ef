// The page's read-only mirror of the node's active orders (PROTOCOL.md §2), changed only by events.
//
// It holds every active order's snapshot as of one global `sequence`. Live events of pos.orders.events are
// taken in sequence order: the next run of consecutive events (last + 1, last + 2, …) is applied by asking
// the node for each order they touch as of the run's last sequence (pos.orders.get with at_sequence) — the
// page never folds events or works out a total itself, it shows the node's snapshots. An event beyond
// last + 1 is a gap: the page syncs (pos.orders.sync since its sequence; the node answers the missing events,
// or every active order when it is too far behind). On every reconnection it syncs the same way; the first
// load takes pos.orders.active. Events that arrive while it syncs are kept and applied afterwards, those
// above the sequence reached.

const KEEP_CLOSED = 50;
const KEEP_COMMANDS = 500;

export class OrderMirror {
  /** @param {(change: {orderIds: string[], reloaded: boolean, events: object[]}) => void} onChange */
  constructor(bus, onChange) {
    this.bus = bus;
    this.onChange = onChange;
    this.sequence = -1;
    this.orders = new Map();
    this.closed = new Map();
    this.inbox = [];
    this.chain = Promise.resolve();
    this.commands = new Map();
    this.waiters = new Map();
    this.stats = { applied: 0, gaps: 0, syncs: 0, fullSyncs: 0 };
  }

  get loaded() {
    return this.sequence >= 0;
  }

  /** The order's latest snapshot: active, or closed a while ago on this page's watch. */
  order(orderId) {
    return this.orders.get(orderId) ?? this.closed.get(orderId);
  }

  active() {
    return [...this.orders.values()];
  }

  atTable(tableId) {
    return this.active().find(order => order.table_id === tableId);
  }

  serial(step) {
    const next = this.chain.then(step);
    this.chain = next.catch(() => {});
    return next;
  }

  /** After the socket (re)connected and registered: a first load, or a sync since the last sequence. */
  connected(reload) {
    return this.serial(() => (reload || !this.loaded ? this.load() : this.sync()).then(() => this.drain()));
  }

  /** Every active order as of the node's sequence: pos.orders.active. */
  async load() {
    const reply = await this.bus.request('pos.orders.active', {});
    this.replace(reply.orders, reply.server_sequence);
  }

  replace(snapshots, sequence) {
    for (const [id, order] of this.orders) {
      if (!snapshots.some(s => s.order_id === id)) {
        this.remember(order, true);
      }
    }
    this.orders = new Map(snapshots.map(order => [order.order_id, order]));
    this.sequence = sequence;
    this.stats.fullSyncs++;
    this.onChange({ orderIds: [], reloaded: true, events: [] });
  }

  /** pos.orders.sync since the last sequence: the missing events, applied as one run, or a full sync. */
  async sync() {
    this.stats.syncs++;
    const reply = await this.bus.request('pos.orders.sync', { since_sequence: this.sequence });
    if (reply.requires_full_sync) {
      this.replace(reply.active_orders, reply.server_sequence);
    } else if (reply.events.length) {
      await this.applyRun(reply.events);
    }
    this.sequence = Math.max(this.sequence, reply.server_sequence);
  }

  /** A live event of pos.orders.events. */
  accept(event) {
    this.inbox.push(event);
    this.serial(() => this.drain()).catch(error => console.warn('applying events failed', error));
  }

  async drain() {
    if (!this.loaded) {
      return; // the first load takes them in
    }
    while (this.inbox.length) {
      this.inbox.sort((a, b) => a.sequence - b.sequence);
      while (this.inbox.length && this.inbox[0].sequence <= this.sequence) {
        this.inbox.shift();
      }
      if (!this.inbox.length) {
        return;
      }
      if (this.inbox[0].sequence !== this.sequence + 1) {
        this.stats.gaps++;
        await this.sync();
        continue;
      }
      const run = [];
      while (this.inbox.length && this.inbox[0].sequence === this.sequence + 1 + run.length) {
        run.push(this.inbox.shift());
      }
      await this.applyRun(run);
    }
  }

  /** Consecutive events from last + 1: each order they touch, as the node has it after the last of them. */
  async applyRun(events) {
    const last = events[events.length - 1].sequence;
    const ids = [...new Set(events.map(event => event.order_id))];
    const snapshots = await Promise.all(ids.map(id => this.bus.request('pos.orders.get', { order_id: id, at_sequence: last })));
    snapshots.forEach((snapshot, i) => {
      if (snapshot.success === false) {
        throw new Error(`order ${ids[i]} as of ${last}: ${snapshot.error.code}`);
      }
    });
    for (const snapshot of snapshots) {
      if (snapshot.status === 'ACTIVE') {
        this.orders.set(snapshot.order_id, snapshot);
        this.closed.delete(snapshot.order_id);
      } else {
        this.orders.delete(snapshot.order_id);
        this.remember(snapshot, false);
      }
    }
    this.sequence = last;
    this.stats.applied += events.length;
    for (const event of events) {
      this.commands.set(event.command_id, event.sequence);
      if (this.commands.size > KEEP_COMMANDS) {
        this.commands.delete(this.commands.keys().next().value);
      }
      const waiter = this.waiters.get(event.command_id);
      if (waiter) {
        this.waiters.delete(event.command_id);
        waiter();
      }
    }
    this.onChange({ orderIds: ids, reloaded: false, events });
  }

  /** A closed order stays readable a while (the receipt number on screen, a merge followed to its target). */
  remember(order, stale) {
    this.closed.set(order.order_id, stale ? { ...order, stale: true } : order);
    if (this.closed.size > KEEP_CLOSED) {
      this.closed.delete(this.closed.keys().next().value);
    }
  }

  /**
   * Resolves once the events of command `commandId` are in the mirror (at once when they already are), or
   * after `timeoutMs` whatever happened: the screen shows the command's effect before it stops showing it pending.
   */
  applied(commandId, timeoutMs = 3000) {
    if (this.commands.has(commandId)) {
      return Promise.resolve(true);
    }
    return new Promise(resolve => {
      const timer = setTimeout(() => {
        this.waiters.delete(commandId);
        resolve(false);
      }, timeoutMs);
      this.waiters.set(commandId, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
