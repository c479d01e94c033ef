package com.redcoral.edge.order.property;

import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.Catalog;
import com.redcoral.edge.order.Catalog.Product;
import com.redcoral.edge.order.Catalog.Table;
import com.redcoral.edge.order.Catalog.Zone;
import com.redcoral.edge.order.Percent;
import com.redcoral.edge.order.Permission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The small store the property tests play in: a few products (odd prices, so rounding shows; one
 * not on sale), tables in zones with 10 %, 12.5 % and no surcharge (one table in no zone), and staff
 * whose roles hold some, all or none of the order permissions, so that both approvals and
 * refusals occur.
 */
final class TestStore {

    static final List<Product> PRODUCTS = List.of(
            new Product("cola", "Cola", 300, true),
            new Product("burger", "Burger", 1250, true),
            new Product("fries", "Fries", 455, true),
            new Product("tea", "Green tea", 199, true),
            new Product("cent", "Mint", 3, true),
            new Product("soup", "Soup of the day", 680, false));

    static final List<Zone> ZONES = List.of(
            new Zone("hall", "Hall", Percent.of(10)),
            new Zone("terrace", "Terrace", Percent.parse("12.5")),
            new Zone("bar", "Bar", Percent.ZERO));

    static final List<Table> TABLES = List.of(
            new Table("t1", "Table 1", "hall"),
            new Table("t2", "Table 2", "hall"),
            new Table("t3", "Terrace 3", "terrace"),
            new Table("t4", "Terrace 4", "terrace"),
            new Table("b1", "Bar 1", "bar"),
            new Table("w1", "Window", null));

    static final Catalog.Fixed CATALOG = new Catalog.Fixed(
            PRODUCTS.stream().collect(Collectors.toMap(Product::id, Function.identity())),
            TABLES.stream().collect(Collectors.toMap(Table::id, Function.identity())),
            ZONES.stream().collect(Collectors.toMap(Zone::id, Function.identity())));

    static final Set<Permission> ORDER_PERMISSIONS = EnumSet.of(Permission.ORDER_DISCOUNT,
            Permission.ORDER_PRICE_OVERRIDE, Permission.ORDER_REMOVE_ITEM, Permission.ORDER_CANCEL_PAYMENT,
            Permission.ORDER_VOID, Permission.ORDER_SURCHARGE_EXEMPT);

    static final Actor ADMIN = new Actor("admin", "Admin", EnumSet.allOf(Permission.class));
    static final Actor CASHIER = new Actor("emp_01", "Zhang San", Set.of());
    static final Actor WAITER = new Actor("emp_02", "Wang Wu",
            EnumSet.of(Permission.ORDER_REMOVE_ITEM, Permission.ORDER_DISCOUNT));
    static final Actor MANAGER = new Actor("mgr_01", "Li", ORDER_PERMISSIONS);
    static final Actor SUPERVISOR = new Actor("sup_01", "Zhao Liu",
            EnumSet.of(Permission.ORDER_DISCOUNT, Permission.ORDER_REMOVE_ITEM, Permission.ORDER_CANCEL_PAYMENT));

    static final List<Product> ON_SALE = PRODUCTS.stream().filter(Product::active).toList();
    static final Product NOT_ON_SALE = PRODUCTS.stream().filter(p -> !p.active()).findFirst().orElseThrow();

    private TestStore() {}
}
