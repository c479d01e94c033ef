// The page's one connection to its node: the official Vert.x event-bus client (`EventBus`, loaded by the
// page from @vertx/eventbus-bridge-client.js with sockjs-client) over the node's bridge at /eventbus.
//
// States: connecting (socket opening, logging in) → syncing (the page registers and catches up) → online;
// offline when the socket closes or a heartbeat goes unanswered, then it tries again after a growing delay;
// refused when the node turned the device's token down (nothing is retried until a new token is given).
// Requests are answered or fail with a BusError; nothing waits for ever.

/**
 * Why a request did not get an answer. `kind`: offline (not sent: no connection), lost (sent, and the connection
 * closed before the answer came), timeout (sent, no answer in time), failure (the node or the bridge refused it).
 */
export class BusError extends Error {
  constructor(kind, message, code = null) {
    super(message);
    this.kind = kind;
    this.code = code;
  }
}

const HEARTBEAT_MS = 5000;
const HEARTBEAT_TIMEOUT_MS = 4000;
const REQUEST_TIMEOUT_MS = 8000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;

export class Bus {
  /**
   * @param {object} options
   * @param {() => string|null} options.token the device's terminal token, or null where none is needed
   * @param {boolean} options.needsLogin whether the socket must log in first (the network listener: https)
   * @param {(identity: object) => Promise<void>} options.session registers and syncs; the bus is online after it
   * @param {(status: object) => void} [options.heartbeat] each answered heartbeat: the node's resource status
   */
  constructor({ token, needsLogin, session, heartbeat = () => {} }) {
    this.url = `${location.origin}/eventbus`;
    this.token = token;
    this.needsLogin = needsLogin;
    this.sessionStart = session;
    this.heartbeatSeen = heartbeat;
    this.state = 'idle';
    this.identity = null;
    this.refusal = null;
    this.retryAt = 0;
    this.attempt = 0;
    this.generation = 0;
    this.pending = new Set();
    this.listeners = new Set();
    this.eb = null;
    this.retryTimer = null;
    this.heartbeatTimer = null;
    addEventListener('online', () => this.state === 'offline' && this.retryNow());
  }

  get online() {
    return this.state === 'online';
  }

  onState(listener) {
    this.listeners.add(listener);
    return this;
  }

  setState(state) {
    this.state = state;
    for (const listener of this.listeners) {
      listener(state, this);
    }
  }

  /** Opens the connection (again); a no-op while one is open or opening. */
  start() {
    if (this.eb && (this.state === 'connecting' || this.state === 'syncing' || this.state === 'online')) {
      return;
    }
    clearTimeout(this.retryTimer);
    const generation = ++this.generation;
    this.refusal = null;
    this.setState('connecting');
    const eb = new EventBus(this.url, { vertxbus_ping_interval: 5000, transports: ['websocket'] });
    this.eb = eb;
    eb.onopen = () => generation === this.generation && this.opened(generation);
    eb.onclose = () => generation === this.generation && this.lost();
    eb.onerror = frame => {
      // An err frame that answers nothing: the node closing the socket says why first.
      if (generation === this.generation && frame && frame.body) {
        this.lastError = String(frame.body);
      }
    };
  }

  async opened(generation) {
    try {
      let identity;
      if (this.needsLogin) {
        const token = this.token();
        identity = await this.request('pos.auth.login', { token: token || '' });
        if (!identity.success) {
          this.refused(identity.error);
          return;
        }
      } else {
        identity = await this.request('pos.auth.identity', {});
      }
      if (generation !== this.generation) {
        return;
      }
      this.identity = identity;
      this.setState('syncing');
      await this.sessionStart(identity);
      if (generation !== this.generation) {
        return;
      }
      this.attempt = 0;
      this.setState('online');
      this.beat(generation);
    } catch (error) {
      if (generation === this.generation) {
        console.warn('starting a session failed; trying again', error);
        this.drop();
      }
    }
  }

  /** The node turned the device down: no retries until {@link #start} is called again (a new token). */
  refused(error) {
    this.refusal = error || { code: 'AUTHENTICATION_FAILED', message: 'refused' };
    if (this.refusal.code === 'TOO_MANY_CONNECTIONS') {
      this.refusal = null;
      this.drop(); // tries again later: another tab or device of this token may have closed by then
      return;
    }
    ++this.generation;
    this.close();
    this.setState('refused');
  }

  /** Closes the socket; the close handler then goes offline and schedules the next try. */
  drop() {
    if (this.eb) {
      try {
        this.eb.close();
      } catch (ignored) {
        this.lost();
      }
    } else {
      this.lost();
    }
  }

  lost() {
    clearTimeout(this.heartbeatTimer);
    this.eb = null;
    for (const reject of [...this.pending]) {
      reject(new BusError('lost', 'the connection to the node was lost before it answered'));
    }
    this.pending.clear();
    if (this.state === 'refused') {
      return;
    }
    const ceiling = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.attempt);
    const delay = Math.round(ceiling * (0.5 + Math.random() * 0.5));
    this.attempt = Math.min(this.attempt + 1, 10);
    this.retryAt = Date.now() + delay;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.start(), delay);
    this.setState('offline');
  }

  /** An offline page tries at once instead of waiting out its delay. */
  retryNow() {
    if (this.state === 'offline') {
      this.attempt = 0;
      this.start();
    }
  }

  close() {
    clearTimeout(this.heartbeatTimer);
    clearTimeout(this.retryTimer);
    const eb = this.eb;
    this.eb = null;
    if (eb) {
      try {
        eb.close();
      } catch (ignored) {
        // already closed
      }
    }
  }

  /**
   * While online, asks the node's resource status every few seconds: a node that does not answer is taken
   * for gone (the socket is closed and reopened), and the page learns of a new epoch.
   */
  beat(generation) {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(async () => {
      if (generation !== this.generation || this.state !== 'online') {
        return;
      }
      try {
        this.heartbeatSeen(await this.request('pos.resources.status', {}, HEARTBEAT_TIMEOUT_MS));
        this.beat(generation);
      } catch (error) {
        if (generation === this.generation) {
          console.warn('the node did not answer the heartbeat', error);
          this.drop();
        }
      }
    }, HEARTBEAT_MS);
  }

  /**
   * Sends `body` to `address` and resolves with the reply's body (a refusal such as `{success: false, error}`
   * is a reply); rejects with a BusError when there is no connection, no reply in time, or the bridge refused.
   */
  request(address, body, timeoutMs = REQUEST_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      const eb = this.eb;
      if (!eb || eb.state !== EventBus.OPEN) {
        reject(new BusError('offline', 'not connected to the node'));
        return;
      }
      let settled = false;
      const fail = error => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          this.pending.delete(fail);
          reject(error);
        }
      };
      const timer = setTimeout(() => fail(new BusError('timeout', `no answer from the node within ${timeoutMs / 1000} s`)),
        timeoutMs);
      this.pending.add(fail);
      try {
        eb.send(address, body, {}, (error, message) => {
          if (settled) {
            return;
          }
          if (error) {
            fail(new BusError('failure', error.message || error.failureType || 'refused', error.failureType));
            return;
          }
          settled = true;
          clearTimeout(timer);
          this.pending.delete(fail);
          resolve(message.body);
        });
      } catch (error) {
        fail(new BusError('offline', 'not connected to the node'));
      }
    });
  }

  /** Registers for messages published on `address` on the current socket (again after each reconnection). */
  register(address, handler) {
    this.eb.registerHandler(address, {}, (error, message) => {
      if (error) {
        console.warn(`the node refused messages of ${address}`, error);
        return;
      }
      handler(message.body);
    });
  }
}
