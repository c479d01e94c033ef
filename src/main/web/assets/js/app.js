// What the till's modules share: the connection, the two mirrors, what the screen shows, and how to redraw it.
// pos.js fills it in as it starts; commands.js and dialogs.js read it.
export const app = {
  /** @type {import('./bus.js').Bus} */
  bus: null,
  /** @type {import('./orders.js').OrderMirror} */
  orders: null,
  /** @type {import('./resources.js').ResourceMirror} */
  resources: null,
  /** The screen's state: the operator, the order shown, the pending command, rounds not sent yet. */
  state: null,
  /** The events of recent commands, by command id (the change of a cash payment comes from its event). */
  commandEvents: null,
  /** Redraws what changed. */
  changed: () => {},
  /** Shows an order (null: the floor). */
  select: () => {},
  signOut: () => {},
  counterOrders: () => [],
};
