package com.redcoral.edge.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The resources a new store starts with, read from a JSON file: an object with a list of items per
 * resource type ({@code {"product": [{"id": "cola", "name": "Cola", "price": 300}], …}}). Employees
 * carry {@code pin_hash} (made by {@code hash-pin}), never a PIN in clear text. A seed is applied
 * only to a store that holds nothing yet, as changes made by the node itself, in an order that puts
 * every referenced item before the items referring to it.
 */
public record StoreSeed(List<Entry> entries) {

    /** The order in which types are created, so that references always point backwards. */
    static final List<ResourceType> ORDER = List.of(ResourceType.PRINT_DESTINATION, ResourceType.CATEGORY,
            ResourceType.TAG, ResourceType.ATTRIBUTE, ResourceType.PRICE_RULE, ResourceType.ZONE,
            ResourceType.DINING_TABLE, ResourceType.PRODUCT, ResourceType.ROLE, ResourceType.EMPLOYEE);

    public static final StoreSeed NONE = new StoreSeed(List.of());

    /** One item to create; {@code pinHash} is an employee's stored PIN hash, or null. */
    public record Entry(ResourceType type, String id, ObjectNode data, String pinHash) {}

    public StoreSeed {
        entries = List.copyOf(entries);
    }

    /** Reads a seed; throws {@link IllegalArgumentException} naming the file, the item and what is wrong. */
    public static StoreSeed read(InputStream json, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("store seed " + source + ": " + e.getMessage(), e);
        }
        if (!(root instanceof ObjectNode types)) {
            throw new IllegalArgumentException("store seed " + source + ": must hold a JSON object of resource lists");
        }
        for (Iterator<String> names = types.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (ResourceType.fromWireName(name).isEmpty()) {
                throw new IllegalArgumentException("store seed " + source + ": unknown resource type \"" + name
                        + "\"; the types are " + ResourceType.wireNames());
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (ResourceType type : ORDER) {
            JsonNode list = types.path(type.wireName());
            if (list.isMissingNode()) {
                continue;
            }
            if (!list.isArray()) {
                throw new IllegalArgumentException("store seed " + source + ": " + type + " must be a list of items");
            }
            for (int i = 0; i < list.size(); i++) {
                entries.add(entry(type, list.get(i), source + ": " + type + "[" + i + "]"));
            }
        }
        return new StoreSeed(entries);
    }

    private static Entry entry(ResourceType type, JsonNode item, String where) {
        if (!(item instanceof ObjectNode fields) || !item.path("id").isTextual() || item.get("id").textValue().isBlank()) {
            throw new IllegalArgumentException("store seed " + where + ": must be an object with a text id");
        }
        ObjectNode data = fields.deepCopy();
        String id = data.remove("id").textValue();
        if (data.has(ResourceCommand.PIN)) {
            throw new IllegalArgumentException("store seed " + where + " (" + id + "): a seed holds pin_hash, made "
                    + "with `hash-pin`, never a PIN in clear text");
        }
        JsonNode hash = data.remove(ResourceItem.PIN_HASH);
        if (hash != null && (type != ResourceType.EMPLOYEE || !hash.isTextual() || !PinHash.isHash(hash.textValue()))) {
            throw new IllegalArgumentException("store seed " + where + " (" + id + "): pin_hash must be a "
                    + "pbkdf2-sha256 hash made with `hash-pin`, on an employee");
        }
        return new Entry(type, id, data, hash == null ? null : hash.textValue());
    }

    /** How many items of each type the seed creates, for the start-up log. */
    public Map<ResourceType, Long> counts() {
        return entries.stream().collect(java.util.stream.Collectors.groupingBy(Entry::type,
                () -> new java.util.EnumMap<>(ResourceType.class), java.util.stream.Collectors.counting()));
    }
}
