// The page's read-only copy of the node's catalog and staff (PROTOCOL.md §3), by the rules of the Java
// ResourceMirror (docs/resources.md): per type the items as of one version; a live ResourceSync of version
// last + 1 is applied, one at or below it skipped, one beyond it is a gap that catches the type up by its
// changes (or lists it again when the node's change log no longer reaches back). The epoch is compared on
// every (re)connection and heartbeat: a new one reloads everything.

export class ResourceMirror {
  /**
   * @param {import('./bus.js').Bus} bus
   * @param {string[]} types the resource types the page shows
   * @param {(what: {type?: string, reloaded: boolean}) => void} onChange
   */
  constructor(bus, types, onChange) {
    this.bus = bus;
    this.types = types;
    this.onChange = onChange;
    this.epoch = null;
    this.versions = {};
    this.items = {};
    this.queued = {};
    this.chain = Promise.resolve();
    for (const type of types) {
      this.items[type] = new Map();
      this.queued[type] = [];
    }
  }

  /** Everything of one type, in id order. */
  list(type) {
    return [...this.items[type].values()];
  }

  item(type, id) {
    return this.items[type].get(id);
  }

  /** Runs `step` after every step before it: one change to the mirror at a time. */
  serial(step) {
    const next = this.chain.then(step);
    this.chain = next.catch(() => {});
    return next;
  }

  /**
   * After the socket (re)connected and registered: a first load, or the epoch compared and each type whose
   * version differs caught up. Resolves with whether everything was loaded anew (a first load or a new epoch).
   */
  connected() {
    return this.serial(async () => {
      const status = await this.bus.request('pos.resources.status', {});
      if (status.epoch !== this.epoch) {
        await this.loadAll(status);
        return true;
      }
      for (const type of this.types) {
        if ((status.versions[type] ?? 0) !== this.versions[type]) {
          await this.catchUp(type);
        }
      }
      return false;
    });
  }

  /** A heartbeat's status: a new epoch means the node restarted or another took over. Resolves with that. */
  checkEpoch(status) {
    if (this.epoch !== null && status.epoch !== this.epoch) {
      return this.serial(async () => {
        await this.loadAll(await this.bus.request('pos.resources.status', {}));
        return true;
      });
    }
    return Promise.resolve(false);
  }

  async loadAll(status) {
    const lists = await Promise.all(this.types.map(type => this.bus.request('pos.resources.list', { resource: type })));
    lists.forEach((list, i) => {
      if (list.success === false) {
        throw new Error(`listing ${this.types[i]}: ${list.error.code}`);
      }
    });
    this.epoch = status.epoch;
    lists.forEach((list, i) => this.replace(this.types[i], list));
    this.onChange({ reloaded: true });
  }

  replace(type, list) {
    this.items[type] = new Map(list.items.map(item => [item.id, item]));
    this.versions[type] = list.version;
    this.queued[type] = this.queued[type].filter(sync => sync.version > list.version);
  }

  /** A message of pos.resources.sync, in the order received. */
  accept(sync) {
    const type = sync.resource;
    if (!this.items[type]) {
      return; // a type this page does not show (or a newer node's)
    }
    this.queued[type].push(sync);
    this.serial(() => this.drain(type)).catch(error => console.warn(`catching up ${type} failed`, error));
  }

  async drain(type) {
    let changed = false;
    let catchUps = 0;
    for (;;) {
      const queue = this.queued[type].sort((a, b) => a.version - b.version);
      if (!queue.length) {
        break;
      }
      const sync = queue[0];
      if (sync.version <= this.versions[type]) {
        queue.shift();
      } else if (sync.version === this.versions[type] + 1 && this.apply(type, sync)) {
        queue.shift();
        changed = true;
      } else if (catchUps++ < 2) {
        await this.catchUp(type); // reports its own change
      } else {
        break; // the rest waits for the next message of this type
      }
    }
    if (changed) {
      this.onChange({ type, reloaded: false });
    }
  }

  apply(type, sync) {
    if (sync.action === 'deleted') {
      this.items[type].delete(sync.id);
    } else if ((sync.action === 'created' || sync.action === 'updated') && sync.data) {
      this.items[type].set(sync.id, sync.data);
    } else {
      return false; // cannot be read: fetched again rather than guessed
    }
    this.versions[type] = sync.version;
    return true;
  }

  /** The type's changes since its version, or the whole list when the node cannot give them. */
  async catchUp(type) {
    const reply = await this.bus.request('pos.resources.changes', { resource: type, since_version: this.versions[type] });
    if (reply.success === false || reply.requires_full_sync
        || !reply.changes.every((change, i) => change.version === this.versions[type] + 1 + i)) {
      const list = await this.bus.request('pos.resources.list', { resource: type });
      if (list.success === false) {
        throw new Error(`listing ${type}: ${list.error.code}`);
      }
      this.replace(type, list);
    } else {
      for (const change of reply.changes) {
        this.apply(type, change);
      }
      this.queued[type] = this.queued[type].filter(sync => sync.version > this.versions[type]);
    }
    this.onChange({ type, reloaded: false });
  }
}
