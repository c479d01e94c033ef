package com.redcoral.edge.resource;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ten kinds of static resource of PROTOCOL.md §3, with their wire names. Each has its own version
 * counter. The wire names are also the store's keys, so they are never renamed.
 */
public enum ResourceType {
    PRODUCT("product"),
    CATEGORY("category"),
    TAG("tag"),
    ATTRIBUTE("attribute"),
    ZONE("zone"),
    DINING_TABLE("dining_table"),
    EMPLOYEE("employee"),
    ROLE("role"),
    PRICE_RULE("price_rule"),
    PRINT_DESTINATION("print_destination");

    private static final Map<String, ResourceType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ResourceType::wireName, Function.identity()));

    private final String wireName;

    ResourceType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ResourceType> fromWireName(String name) {
        return Optional.ofNullable(name).map(BY_WIRE_NAME::get);
    }

    /** The wire names, for messages that list what is allowed. */
    public static String wireNames() {
        return Arrays.stream(values()).map(ResourceType::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
