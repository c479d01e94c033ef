package com.redcoral.edge.order;

import java.util.Map;
import java.util.Optional;

/**
 * The read-only view of the store's catalog that a decision needs. The node answers it from the
 * resource store as it stands when the command is decided; the facts used (names, prices, zone
 * surcharges) are copied into the events, so later catalog changes never alter what was written.
 */
public interface Catalog {

    Optional<Product> product(String productId);

    Optional<Table> table(String tableId);

    Optional<Zone> zone(String zoneId);

    /** A sellable product; an inactive one cannot be added to an order. */
    record Product(String id, String name, long price, boolean active) {}

    /** A dining table with the zone it stands in (may be null). */
    record Table(String id, String name, String zoneId) {}

    /** A zone of the floor, with the surcharge (service charge) its orders carry. */
    record Zone(String id, String name, Percent surchargePercent) {
        public Zone {
            surchargePercent = surchargePercent == null ? Percent.ZERO : surchargePercent;
        }
    }

    /** An immutable catalog held in maps: for tests, tools and the node's own snapshot of it. */
    record Fixed(Map<String, Product> products, Map<String, Table> tables, Map<String, Zone> zones)
            implements Catalog {

        public Fixed {
            products = Map.copyOf(products);
            tables = Map.copyOf(tables);
            zones = Map.copyOf(zones);
        }

        @Override
        public Optional<Product> product(String productId) {
            return Optional.ofNullable(products.get(productId));
        }

        @Override
        public Optional<Table> table(String tableId) {
            return Optional.ofNullable(tables.get(tableId));
        }

        @Override
        public Optional<Zone> zone(String zoneId) {
            return Optional.ofNullable(zones.get(zoneId));
        }
    }
}
