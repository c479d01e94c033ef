package com.redcoral.edge.resource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.Catalog;
import com.redcoral.edge.order.Permission;
import com.redcoral.edge.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link StoreDirectory} read once from a JSON seed file: zones, tables, products, roles and
 * employees. It is how a node knows its staff and catalog until they are managed as versioned
 * resources; the shipped {@code conf/store-seed.json} is a small café for development. Employees
 * carry a {@code pin_hash} ({@link PinHash}) when they may approve; a PIN in clear text is refused.
 */
public final class SeedDirectory implements StoreDirectory {

    record Seed(List<Catalog.Zone> zones, List<Catalog.Table> tables, List<SeedProduct> products,
                List<Role> roles, List<Employee> employees) {
        Seed {
            zones = zones == null ? List.of() : zones;
            tables = tables == null ? List.of() : tables;
            products = products == null ? List.of() : products;
            roles = roles == null ? List.of() : roles;
            employees = employees == null ? List.of() : employees;
        }
    }

    record SeedProduct(String id, String name, long price, Boolean active) {
        SeedProduct {
            if (id == null || name == null || price < 0) {
                throw new IllegalArgumentException("a product needs an id, a name and a price of 0 or more minor units");
            }
        }

        Catalog.Product toProduct() {
            return new Catalog.Product(id, name, price, active == null || active);
        }
    }

    record Role(String id, String name, List<String> permissions) {}

    record Employee(String id, String name, String roleId, String pinHash, Boolean active) {
        Employee {
            if (id == null || name == null) {
                throw new IllegalArgumentException("an employee needs an id and a name");
            }
        }
    }

    private final Catalog catalog;
    private final Map<String, Employee> employees;
    private final Map<String, Set<Permission>> rolePermissions;

    private SeedDirectory(Seed seed) {
        this.catalog = new Catalog.Fixed(
                index(seed.products().stream().map(SeedProduct::toProduct).toList(), Catalog.Product::id),
                index(seed.tables(), Catalog.Table::id),
                index(seed.zones(), Catalog.Zone::id));
        this.rolePermissions = seed.roles().stream().collect(Collectors.toUnmodifiableMap(Role::id,
                r -> r.permissions().stream().map(Permission::fromWireName).collect(Collectors.toUnmodifiableSet())));
        this.employees = index(seed.employees(), Employee::id);
        for (Employee e : seed.employees()) {
            if (!rolePermissions.containsKey(e.roleId())) {
                throw new IllegalArgumentException("employee " + e.id() + ": unknown role_id " + e.roleId());
            }
            if (e.pinHash() != null && !PinHash.isHash(e.pinHash())) {
                throw new IllegalArgumentException("employee " + e.id()
                        + ": pin_hash must be a pbkdf2-sha256 hash, never a PIN in clear text");
            }
        }
        for (Catalog.Table t : seed.tables()) {
            if (t.zoneId() != null && catalog.zone(t.zoneId()).isEmpty()) {
                throw new IllegalArgumentException("table " + t.id() + ": unknown zone_id " + t.zoneId());
            }
        }
    }

    /** Reads a seed; throws {@link IllegalArgumentException} naming what is wrong with it. */
    public static SeedDirectory read(InputStream json, String source) {
        ObjectReader reader = Json.MAPPER.readerFor(Seed.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return new SeedDirectory(reader.readValue(json));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("store seed " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public Optional<Actor> employee(String employeeId) {
        return Optional.ofNullable(employees.get(employeeId))
                .filter(e -> e.active() == null || e.active())
                .map(e -> new Actor(e.id(), e.name(), rolePermissions.get(e.roleId())));
    }

    @Override
    public Optional<Actor> approver(String employeeId, String pin) {
        Employee e = employees.get(employeeId);
        if (e == null || e.pinHash() == null || pin == null || !PinHash.matches(pin, e.pinHash())) {
            return Optional.empty();
        }
        return employee(employeeId);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toUnmodifiableMap(id, Function.identity(), (a, b) -> {
            throw new IllegalArgumentException("the id " + id.apply(a) + " appears twice");
        }));
    }
}
