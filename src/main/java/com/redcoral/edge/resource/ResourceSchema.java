package com.redcoral.edge.resource;

import static com.redcoral.edge.resource.ResourceType.CATEGORY;
import static com.redcoral.edge.resource.ResourceType.DINING_TABLE;
import static com.redcoral.edge.resource.ResourceType.EMPLOYEE;
import static com.redcoral.edge.resource.ResourceType.PRINT_DESTINATION;
import static com.redcoral.edge.resource.ResourceType.PRODUCT;
import static com.redcoral.edge.resource.ResourceType.ROLE;
import static com.redcoral.edge.resource.ResourceType.ZONE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.order.InvalidField;
import com.redcoral.edge.order.Money;
import com.redcoral.edge.order.Percent;
import com.redcoral.edge.order.Permission;
import com.redcoral.edge.wire.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The fields each resource type needs (PROTOCOL.md §3) and the references between types. Any other
 * field is allowed and kept as given, as long as the item's stored JSON stays within {@link
 * #MAX_ITEM_BYTES}. The references are listed once, in {@link #REFERENCES}: the same list says which
 * item a field must name when an item is written ({@link #check}) and what still refers to an item
 * that is to be deleted ({@link #referrers}).
 *
 * <p>Every problem is an {@link InvalidField} named {@code data.<field>}, as the command that brought
 * the fields named them.
 */
public final class ResourceSchema {

    /** The largest an item may be as stored: {@code {id, version, fields}} in UTF-8. */
    public static final int MAX_ITEM_BYTES = 16 * 1024;
    public static final int MAX_NAME = 200;
    public static final int MAX_ID = 64;
    public static final int MAX_SEATS = 999;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1," + MAX_ID + "}");
    private static final String ID_RULE = "must be 1 to " + MAX_ID + " characters of A-Z, a-z, 0-9, _ . : -";

    /** A field of {@code from} that holds the id of an item of {@code to}. */
    public record Reference(ResourceType from, String field, ResourceType to, boolean required) {}

    /** Every reference between types; nothing else refers to anything. */
    public static final List<Reference> REFERENCES = List.of(
            new Reference(PRODUCT, "category_id", CATEGORY, false),
            new Reference(CATEGORY, "print_destination_id", PRINT_DESTINATION, false),
            new Reference(DINING_TABLE, "zone_id", ZONE, false),
            new Reference(EMPLOYEE, "role_id", ROLE, true));

    /** An item that refers to another, shown as {@code product "cola"}. */
    public record Referrer(ResourceType type, String id) {
        @Override
        public String toString() {
            return type + " \"" + id + "\"";
        }
    }

    /** What a field's value must be, besides present when required. */
    private enum Kind { NAME, MINOR_UNITS, BOOLEAN, PERCENT, SEATS, PERMISSIONS }

    private record Field(String name, boolean required, Kind kind) {}

    private static final Map<ResourceType, List<Field>> FIELDS = fields();

    private ResourceSchema() {}

    private static Map<ResourceType, List<Field>> fields() {
        Field name = new Field("name", true, Kind.NAME);
        Field active = new Field("active", false, Kind.BOOLEAN);
        Map<ResourceType, List<Field>> fields = new EnumMap<>(ResourceType.class);
        for (ResourceType type : ResourceType.values()) {
            fields.put(type, List.of(name));
        }
        fields.put(PRODUCT, List.of(name, new Field("price", true, Kind.MINOR_UNITS), active));
        fields.put(ZONE, List.of(name, new Field("surcharge_percent", false, Kind.PERCENT)));
        fields.put(DINING_TABLE, List.of(name, new Field("seats", false, Kind.SEATS)));
        fields.put(EMPLOYEE, List.of(name, active));
        fields.put(ROLE, List.of(name, new Field("permissions", true, Kind.PERMISSIONS)));
        return fields;
    }

    /** Whether an item with an optional {@code active} field (product, employee) is active: unless it says false. */
    public static boolean isActive(ResourceItem item) {
        return item.field("active").map(JsonNode::booleanValue).orElse(true);
    }

    /** The permissions a stored role holds (its schema guarantees they are known names). */
    public static Set<Permission> permissions(ResourceItem role) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        role.field("permissions").ifPresent(names -> names.valueStream()
                .forEach(name -> permissions.add(Permission.fromWireName(name.textValue()))));
        return permissions;
    }

    /** Whether {@code id} may name an item: 1 to 64 of {@code A-Z a-z 0-9 _ . : -}. */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Checks an id, naming {@code field} when it is not one. */
    public static String requireId(String field, String id) {
        if (!isId(id)) {
            throw new InvalidField(field, ID_RULE);
        }
        return id;
    }

    /** The references held by items of {@code type}. */
    public static List<Reference> referencesFrom(ResourceType type) {
        return REFERENCES.stream().filter(r -> r.from() == type).toList();
    }

    /** The references that may name an item of {@code type}. */
    public static List<Reference> referencesTo(ResourceType type) {
        return REFERENCES.stream().filter(r -> r.to() == type).toList();
    }

    /**
     * Checks the item that a change of {@code type} would write: its fields against the type's, the
     * items its references name against {@code state}, its size. Throws {@link InvalidField}.
     */
    public static void check(ResourceType type, ResourceItem item, ResourceState state) {
        ObjectNode fields = item.fields();
        for (String own : List.of("id", "version")) {
            if (fields.has(own)) {
                throw new InvalidField("data." + own, "is the item's own, kept beside its fields");
            }
        }
        checkSecrets(type, fields);
        for (Field field : FIELDS.get(type)) {
            JsonNode value = fields.get(field.name());
            if (value == null || value.isNull()) {
                if (field.required()) {
                    throw new InvalidField("data." + field.name(), "is required");
                }
            } else {
                checkValue("data." + field.name(), field.kind(), value);
            }
        }
        for (Reference reference : referencesFrom(type)) {
            checkReference(reference, fields.get(reference.field()), state);
        }
        int size = storedSize(item);
        if (size > MAX_ITEM_BYTES) {
            throw new InvalidField("data", "makes the item " + size + " bytes of JSON; at most "
                    + MAX_ITEM_BYTES + " are kept");
        }
    }

    /**
     * The items of {@code state} that refer to the item {@code id} of {@code type}, in the order of
     * {@link #REFERENCES} and then by id.
     */
    public static List<Referrer> referrers(ResourceState state, ResourceType type, String id) {
        List<Referrer> referrers = new ArrayList<>();
        for (Reference reference : referencesTo(type)) {
            for (ResourceItem item : state.items(reference.from())) {
                if (item.text(reference.field()).filter(id::equals).isPresent()) {
                    referrers.add(new Referrer(reference.from(), item.id()));
                }
            }
        }
        return referrers;
    }

    // ---------------------------------------------------------------------------------- internals

    private static void checkSecrets(ResourceType type, ObjectNode fields) {
        if (type != EMPLOYEE) {
            for (String secret : List.of(ResourceCommand.PIN, ResourceItem.PIN_HASH)) {
                if (fields.has(secret)) {
                    throw new InvalidField("data." + secret, "only employees have a PIN");
                }
            }
            return;
        }
        if (fields.has(ResourceCommand.PIN)) {
            throw new InvalidField("data." + ResourceCommand.PIN, "is never kept; the node keeps only its hash");
        }
        JsonNode hash = fields.get(ResourceItem.PIN_HASH);
        if (hash != null && !(hash.isTextual() && PinHash.isHash(hash.textValue()))) {
            throw new InvalidField("data." + ResourceItem.PIN_HASH, "must be a PIN hash made by the node");
        }
    }

    private static void checkValue(String path, Kind kind, JsonNode value) {
        switch (kind) {
            case NAME -> {
                if (!value.isTextual()) {
                    throw new InvalidField(path, "must be text");
                }
                if (value.textValue().isBlank()) {
                    throw new InvalidField(path, "must not be blank");
                }
                if (value.textValue().length() > MAX_NAME) {
                    throw new InvalidField(path, "must be at most " + MAX_NAME + " characters");
                }
            }
            case MINOR_UNITS -> {
                if (!wholeNumberIn(value, 0, Money.MAX_AMOUNT)) {
                    throw new InvalidField(path, "must be a whole number of minor units from 0 to "
                            + Money.MAX_AMOUNT);
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new InvalidField(path, "must be true or false");
                }
            }
            case PERCENT -> {
                try {
                    if (!value.isNumber()) {
                        throw new IllegalArgumentException("not a number");
                    }
                    Percent.of(value.decimalValue());
                } catch (IllegalArgumentException e) {
                    throw new InvalidField(path, "must be a number from 0 to 100 with at most two decimals");
                }
            }
            case SEATS -> {
                if (!wholeNumberIn(value, 1, MAX_SEATS)) {
                    throw new InvalidField(path, "must be a whole number from 1 to " + MAX_SEATS);
                }
            }
            case PERMISSIONS -> checkPermissions(path, value);
        }
    }

    private static boolean wholeNumberIn(JsonNode value, long min, long max) {
        return value.isIntegralNumber() && value.canConvertToLong()
                && value.longValue() >= min && value.longValue() <= max;
    }

    private static void checkPermissions(String path, JsonNode value) {
        if (!value.isArray()) {
            throw new InvalidField(path, "must be an array of permission names");
        }
        Set<Permission> seen = EnumSet.noneOf(Permission.class);
        for (int i = 0; i < value.size(); i++) {
            JsonNode name = value.get(i);
            Permission permission;
            try {
                permission = Permission.fromWireName(name.isTextual() ? name.textValue() : null);
            } catch (IllegalArgumentException e) {
                throw new InvalidField(path + "[" + i + "]", "must be one of " + Arrays.stream(Permission.values())
                        .map(Permission::wireName).collect(Collectors.joining(", ")));
            }
            if (!seen.add(permission)) {
                throw new InvalidField(path + "[" + i + "]", permission + " is listed twice");
            }
        }
    }

    private static void checkReference(Reference reference, JsonNode value, ResourceState state) {
        String path = "data." + reference.field();
        if (value == null || value.isNull()) {
            if (reference.required()) {
                throw new InvalidField(path, "is required");
            }
            return;
        }
        if (!value.isTextual()) {
            throw new InvalidField(path, "must be the id of a " + reference.to());
        }
        if (state.item(reference.to(), value.textValue()).isEmpty()) {
            throw new InvalidField(path, "no " + reference.to() + " \"" + value.textValue() + "\"");
        }
    }

    private static int storedSize(ResourceItem item) {
        return Json.bytes(item.toStoredJson()).length;
    }
}
