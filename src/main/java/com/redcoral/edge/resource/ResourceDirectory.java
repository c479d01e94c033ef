package com.redcoral.edge.resource;

import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.Catalog;
import com.redcoral.edge.order.Percent;
import com.redcoral.edge.order.Permission;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link StoreDirectory} over the versioned resources: products, dining tables and zones as the
 * order {@link Catalog}, employees with their role's permissions, and their PINs behind a
 * {@link PinGuard}. Each {@link #update} swaps in a whole new view, so one lookup never mixes two
 * versions of the store; the resource writer calls it after every durable change.
 */
public final class ResourceDirectory implements StoreDirectory {

    private record View(Catalog catalog, Map<String, Actor> actors, Map<String, String> pinHashes) {

        static View of(ResourceState state) {
            Map<String, Catalog.Product> products = new HashMap<>();
            for (ResourceItem p : state.items(ResourceType.PRODUCT)) {
                products.put(p.id(), new Catalog.Product(p.id(), p.text("name").orElseThrow(),
                        p.field("price").orElseThrow().longValue(), ResourceSchema.isActive(p)));
            }
            Map<String, Catalog.Zone> zones = new HashMap<>();
            for (ResourceItem z : state.items(ResourceType.ZONE)) {
                zones.put(z.id(), new Catalog.Zone(z.id(), z.text("name").orElseThrow(),
                        z.field("surcharge_percent").map(n -> Percent.of(n.decimalValue())).orElse(Percent.ZERO)));
            }
            Map<String, Catalog.Table> tables = new HashMap<>();
            for (ResourceItem t : state.items(ResourceType.DINING_TABLE)) {
                tables.put(t.id(), new Catalog.Table(t.id(), t.text("name").orElseThrow(), t.text("zone_id").orElse(null)));
            }
            Map<String, Set<Permission>> roles = new HashMap<>();
            for (ResourceItem r : state.items(ResourceType.ROLE)) {
                roles.put(r.id(), ResourceSchema.permissions(r));
            }
            Map<String, Actor> actors = new HashMap<>();
            Map<String, String> pinHashes = new HashMap<>();
            for (ResourceItem e : state.items(ResourceType.EMPLOYEE)) {
                if (ResourceSchema.isActive(e)) {
                    actors.put(e.id(), new Actor(e.id(), e.text("name").orElseThrow(),
                            roles.getOrDefault(e.text("role_id").orElse(""), Set.of())));
                    e.text(ResourceItem.PIN_HASH).ifPresent(hash -> pinHashes.put(e.id(), hash));
                }
            }
            return new View(new Catalog.Fixed(products, tables, zones), Map.copyOf(actors), Map.copyOf(pinHashes));
        }
    }

    private final PinGuard guard;
    private volatile View view;

    public ResourceDirectory(ResourceState state, PinGuard guard) {
        this.guard = guard;
        this.view = View.of(state);
    }

    /** From now on, answers from {@code state}. */
    public void update(ResourceState state) {
        view = View.of(state);
    }

    @Override
    public Catalog catalog() {
        return view.catalog();
    }

    @Override
    public Optional<Actor> employee(String employeeId) {
        return Optional.ofNullable(view.actors().get(employeeId));
    }

    @Override
    public PinGuard.Result verifyPin(String employeeId, String pin) {
        View current = view;
        return guard.check(employeeId, pin, current.actors().get(employeeId), current.pinHashes().get(employeeId));
    }
}
