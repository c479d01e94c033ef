package com.redcoral.edge.resource;

import static com.redcoral.edge.resource.ResourceType.CATEGORY;
import static com.redcoral.edge.resource.ResourceType.DINING_TABLE;
import static com.redcoral.edge.resource.ResourceType.EMPLOYEE;
import static com.redcoral.edge.resource.ResourceType.PRINT_DESTINATION;
import static com.redcoral.edge.resource.ResourceType.PRODUCT;
import static com.redcoral.edge.resource.ResourceType.ROLE;
import static com.redcoral.edge.resource.ResourceType.TAG;
import static com.redcoral.edge.resource.ResourceType.ZONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.order.InvalidField;
import com.redcoral.edge.resource.ResourceSchema.Reference;
import com.redcoral.edge.resource.ResourceSchema.Referrer;
import com.redcoral.edge.wire.Json;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fields of each resource type (PROTOCOL.md §3) and the references between types, checked on
 * items as the decider would write them, against a store that holds one item of every referenced
 * type: role {@code admin}, category {@code drinks}, print destination {@code bar}, zone
 * {@code terrace}.
 */
class ResourceSchemaTest {

    /** The form of a {@link PinHash}; which PIN it is of does not matter here. */
    private static final String HASH = "pbkdf2-sha256$210000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g";

    private static final ResourceState STORE = state(
            stored(ROLE, "admin", """
                    {"name": "Administrator", "permissions": ["resources.manage"]}"""),
            stored(PRINT_DESTINATION, "bar", """
                    {"name": "Bar printer"}"""),
            stored(CATEGORY, "drinks", """
                    {"name": "Drinks", "print_destination_id": "bar"}"""),
            stored(ZONE, "terrace", """
                    {"name": "Terrace"}"""));

    private static final String PRICE_RULE = "data.price: must be a whole number of minor units from 0 to 1000000000";

    /** An item as a store holds it, with its type. */
    private record Stored(ResourceType type, ResourceItem item) {}

    private static Stored stored(ResourceType type, String id, String fields) {
        return new Stored(type, new ResourceItem(id, ResourceVersion.of(1), json(fields)));
    }

    /** A state holding {@code items}, every type at version 100. */
    private static ResourceState state(Stored... items) {
        Map<ResourceType, ResourceVersion> versions = new EnumMap<>(ResourceType.class);
        for (ResourceType type : ResourceType.values()) {
            versions.put(type, ResourceVersion.of(100));
        }
        Map<ResourceType, List<ResourceItem>> byType = Arrays.stream(items).collect(Collectors.groupingBy(
                Stored::type, () -> new EnumMap<>(ResourceType.class),
                Collectors.mapping(Stored::item, Collectors.toList())));
        return ResourceState.of(versions, byType);
    }

    private static ObjectNode json(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static void check(ResourceType type, String fields) {
        ResourceSchema.check(type, new ResourceItem("x1", ResourceVersion.of(1), json(fields)), STORE);
    }

    private static InvalidField refusal(ResourceType type, String fields) {
        InvalidField refusal = catchThrowableOfType(InvalidField.class, () -> check(type, fields));
        assertThat(refusal).as("refused: %s %s", type, fields).isNotNull();
        return refusal;
    }

    // ------------------------------------------------------------------------------ valid ones

    static Stream<Arguments> validItems() {
        return Stream.of(
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 300}"""),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 0, "category_id": "drinks", "active": false}"""),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 1000000000, "category_id": null, "active": null}"""),
                arguments(CATEGORY, """
                        {"name": "Food", "print_destination_id": "bar"}"""),
                arguments(CATEGORY, """
                        {"name": "Food", "print_destination_id": null}"""),
                arguments(ZONE, """
                        {"name": "Hall", "surcharge_percent": 12.5}"""),
                arguments(ZONE, """
                        {"name": "Hall", "surcharge_percent": 0}"""),
                arguments(ZONE, """
                        {"name": "Hall", "surcharge_percent": 100.00}"""),
                arguments(ZONE, """
                        {"name": "Hall", "surcharge_percent": 7.25}"""),
                arguments(DINING_TABLE, """
                        {"name": "T1", "zone_id": "terrace", "seats": 1}"""),
                arguments(DINING_TABLE, """
                        {"name": "T1", "seats": 999}"""),
                arguments(EMPLOYEE, """
                        {"name": "Zhang San", "role_id": "admin", "active": true, "pin_hash": "%s"}""".formatted(HASH)),
                arguments(EMPLOYEE, """
                        {"name": "Imported, no PIN", "role_id": "admin"}"""),
                arguments(ROLE, """
                        {"name": "Nobody", "permissions": []}"""),
                arguments(ROLE, """
                        {"name": "Boss", "permissions": ["resources.manage", "order.void", "order.discount",
                         "order.price_override", "order.remove_item", "order.cancel_payment",
                         "order.surcharge_exempt"]}"""),
                arguments(TAG, """
                        {"name": "Vegan", "colour": "#00ff00", "sort": 3, "extra": {"any": [1, "two", null]}}"""),
                arguments(ResourceType.ATTRIBUTE, """
                        {"name": "Size", "choices": ["S", "M", "L"]}"""),
                arguments(ResourceType.PRICE_RULE, """
                        {"name": "Happy hour", "percent_off": 33.333, "price": "not checked here"}"""),
                arguments(PRINT_DESTINATION, """
                        {"name": "Kitchen", "address": "10.0.0.7:9100"}"""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("validItems")
    void theseItemsFitTheirType(ResourceType type, String fields) {
        assertThatCode(() -> check(type, fields)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 199, 200})
    void aNameHasUpTo200Characters(int length) {
        assertThatCode(() -> check(TAG, """
                {"name": "%s"}""".formatted("n".repeat(length)))).doesNotThrowAnyException();
    }

    // ----------------------------------------------------------------------------- refusals

    static Stream<Arguments> refusals() {
        return Stream.of(
                // every type: name
                arguments(TAG, "{}", "data.name: is required"),
                arguments(TAG, """
                        {"name": null}""", "data.name: is required"),
                arguments(TAG, """
                        {"name": "  "}""", "data.name: must not be blank"),
                arguments(TAG, """
                        {"name": 7}""", "data.name: must be text"),
                arguments(TAG, """
                        {"name": "%s"}""".formatted("n".repeat(201)), "data.name: must be at most 200 characters"),
                arguments(PRINT_DESTINATION, """
                        {"name": ["Kitchen"]}""", "data.name: must be text"),
                // product
                arguments(PRODUCT, """
                        {"name": "Cola"}""", "data.price: is required"),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 3.5}""", PRICE_RULE),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 300.0}""", PRICE_RULE),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 3e2}""", PRICE_RULE),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": "300"}""", PRICE_RULE),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": -1}""", PRICE_RULE),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 1000000001}""", PRICE_RULE),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 100000000000000000000}""", PRICE_RULE),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 300, "active": "yes"}""", "data.active: must be true or false"),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 300, "active": 1}""", "data.active: must be true or false"),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 300, "category_id": "food"}""",
                        "data.category_id: no category \"food\""),
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 300, "category_id": 3}""",
                        "data.category_id: must be the id of a category"),
                // category
                arguments(CATEGORY, """
                        {"name": "Food", "print_destination_id": "kitchen"}""",
                        "data.print_destination_id: no print_destination \"kitchen\""),
                // zone
                arguments(ZONE, """
                        {"name": "Hall", "surcharge_percent": 12.345}""",
                        "data.surcharge_percent: must be a number from 0 to 100 with at most two decimals"),
                arguments(ZONE, """
                        {"name": "Hall", "surcharge_percent": 100.01}""",
                        "data.surcharge_percent: must be a number from 0 to 100 with at most two decimals"),
                arguments(ZONE, """
                        {"name": "Hall", "surcharge_percent": -1}""",
                        "data.surcharge_percent: must be a number from 0 to 100 with at most two decimals"),
                arguments(ZONE, """
                        {"name": "Hall", "surcharge_percent": "10"}""",
                        "data.surcharge_percent: must be a number from 0 to 100 with at most two decimals"),
                // dining_table
                arguments(DINING_TABLE, """
                        {"name": "T1", "seats": 0}""", "data.seats: must be a whole number from 1 to 999"),
                arguments(DINING_TABLE, """
                        {"name": "T1", "seats": 1000}""", "data.seats: must be a whole number from 1 to 999"),
                arguments(DINING_TABLE, """
                        {"name": "T1", "seats": 2.5}""", "data.seats: must be a whole number from 1 to 999"),
                arguments(DINING_TABLE, """
                        {"name": "T1", "seats": "4"}""", "data.seats: must be a whole number from 1 to 999"),
                arguments(DINING_TABLE, """
                        {"name": "T1", "zone_id": "roof"}""", "data.zone_id: no zone \"roof\""),
                // employee
                arguments(EMPLOYEE, """
                        {"name": "Zhang San"}""", "data.role_id: is required"),
                arguments(EMPLOYEE, """
                        {"name": "Zhang San", "role_id": null}""", "data.role_id: is required"),
                arguments(EMPLOYEE, """
                        {"name": "Zhang San", "role_id": "boss"}""", "data.role_id: no role \"boss\""),
                arguments(EMPLOYEE, """
                        {"name": "Zhang San", "role_id": "admin", "active": "no"}""",
                        "data.active: must be true or false"),
                arguments(EMPLOYEE, """
                        {"name": "Zhang San", "role_id": "admin", "pin": "1357"}""",
                        "data.pin: is never kept; the node keeps only its hash"),
                arguments(EMPLOYEE, """
                        {"name": "Zhang San", "role_id": "admin", "pin_hash": "1357"}""",
                        "data.pin_hash: must be a PIN hash made by the node"),
                arguments(EMPLOYEE, """
                        {"name": "Zhang San", "role_id": "admin", "pin_hash": null}""",
                        "data.pin_hash: must be a PIN hash made by the node"),
                // role
                arguments(ROLE, """
                        {"name": "Cashier"}""", "data.permissions: is required"),
                arguments(ROLE, """
                        {"name": "Cashier", "permissions": "order.void"}""",
                        "data.permissions: must be an array of permission names"),
                arguments(ROLE, """
                        {"name": "Cashier", "permissions": ["order.void", "order.fly"]}""",
                        "data.permissions[1]: must be one of order.discount, order.price_override, order.remove_item, "
                                + "order.cancel_payment, order.void, order.surcharge_exempt, resources.manage"),
                arguments(ROLE, """
                        {"name": "Cashier", "permissions": [7]}""",
                        "data.permissions[0]: must be one of order.discount, order.price_override, order.remove_item, "
                                + "order.cancel_payment, order.void, order.surcharge_exempt, resources.manage"),
                arguments(ROLE, """
                        {"name": "Cashier", "permissions": ["order.void", "order.discount", "order.void"]}""",
                        "data.permissions[2]: order.void is listed twice"),
                // secrets and the item's own keys, on every type
                arguments(TAG, """
                        {"name": "T", "pin": "1357"}""", "data.pin: only employees have a PIN"),
                arguments(ROLE, """
                        {"name": "R", "permissions": [], "pin_hash": "%s"}""".formatted(HASH),
                        "data.pin_hash: only employees have a PIN"),
                arguments(TAG, """
                        {"name": "T", "id": "x1"}""", "data.id: is the item's own, kept beside its fields"),
                arguments(TAG, """
                        {"name": "T", "version": 1}""", "data.version: is the item's own, kept beside its fields"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusals")
    void anItemThatDoesNotFitItsTypeIsRefusedNamingTheField(ResourceType type, String fields, String message) {
        InvalidField refusal = refusal(type, fields);

        assertThat(refusal.getMessage()).isEqualTo(message);
        assertThat(refusal.field()).startsWith("data");
    }

    @ParameterizedTest
    @EnumSource(ResourceType.class)
    void everyTypeNeedsAName(ResourceType type) {
        assertThat(refusal(type, "{}").getMessage()).isEqualTo("data.name: is required");
    }

    // ------------------------------------------------------------------------------------ size

    @Test
    void anItemIsAtMost16KibibytesOfJson() {
        ObjectNode fields = json("""
                {"name": "Long", "note": ""}""");
        ResourceItem empty = new ResourceItem("x1", ResourceVersion.of(1), fields);
        int overhead = empty.toStoredJson().toString().length();
        fields.put("note", "n".repeat(ResourceSchema.MAX_ITEM_BYTES - overhead));

        assertThatCode(() -> ResourceSchema.check(TAG, empty, STORE)).doesNotThrowAnyException();

        fields.put("note", "n".repeat(ResourceSchema.MAX_ITEM_BYTES - overhead + 1));
        InvalidField refusal = catchThrowableOfType(InvalidField.class, () -> ResourceSchema.check(TAG, empty, STORE));
        assertThat(refusal.getMessage()).isEqualTo("data: makes the item 16385 bytes of JSON; at most 16384 are kept");
    }

    @Test
    void theSizeCountsBytesNotCharacters() {
        ObjectNode fields = json("""
                {"name": "Long", "note": ""}""");
        ResourceItem item = new ResourceItem("x1", ResourceVersion.of(1), fields);
        fields.put("note", "€".repeat(ResourceSchema.MAX_ITEM_BYTES / 3));

        assertThat(catchThrowableOfType(InvalidField.class, () -> ResourceSchema.check(TAG, item, STORE)).field())
                .isEqualTo("data");
    }

    // ------------------------------------------------------------------------------ references

    @Test
    void theReferencesBetweenTypes() {
        assertThat(ResourceSchema.REFERENCES).containsExactly(
                new Reference(PRODUCT, "category_id", CATEGORY, false),
                new Reference(CATEGORY, "print_destination_id", PRINT_DESTINATION, false),
                new Reference(DINING_TABLE, "zone_id", ZONE, false),
                new Reference(EMPLOYEE, "role_id", ROLE, true));
        assertThat(ResourceSchema.referencesTo(ROLE)).extracting(Reference::from).containsExactly(EMPLOYEE);
        assertThat(ResourceSchema.referencesFrom(TAG)).isEmpty();
        assertThat(ResourceSchema.referencesTo(PRODUCT)).isEmpty();
    }

    @Test
    void theReferrersOfAnItemAreFoundThroughTheSameList() {
        ResourceState state = state(
                stored(ROLE, "admin", """
                        {"name": "Administrator", "permissions": []}"""),
                stored(EMPLOYEE, "admin", """
                        {"name": "Ada Admin", "role_id": "admin"}"""),
                stored(CATEGORY, "drinks", """
                        {"name": "Drinks"}"""),
                stored(CATEGORY, "food", """
                        {"name": "Food"}"""),
                stored(PRODUCT, "tea", """
                        {"name": "Tea", "price": 250, "category_id": "drinks"}"""),
                stored(PRODUCT, "cola", """
                        {"name": "Cola", "price": 300, "category_id": "drinks"}"""),
                stored(PRODUCT, "soup", """
                        {"name": "Soup", "price": 500, "category_id": "food"}"""),
                stored(PRODUCT, "water", """
                        {"name": "Water", "price": 100, "category_id": null}"""),
                stored(TAG, "drinks", """
                        {"name": "Tagged drinks", "category_id": "drinks"}"""));

        assertThat(ResourceSchema.referrers(state, CATEGORY, "drinks"))
                .containsExactly(new Referrer(PRODUCT, "cola"), new Referrer(PRODUCT, "tea"));
        assertThat(ResourceSchema.referrers(state, CATEGORY, "none")).isEmpty();
        assertThat(ResourceSchema.referrers(state, ROLE, "admin")).containsExactly(new Referrer(EMPLOYEE, "admin"));
        assertThat(ResourceSchema.referrers(state, PRODUCT, "tea")).isEmpty();
        assertThat(new Referrer(PRODUCT, "cola")).hasToString("product \"cola\"");
    }

    // -------------------------------------------------------------------------------------- ids

    @ParameterizedTest
    @ValueSource(strings = {"a", "cola", "T-12", "emp_01", "zone.terrace", "urn:pos:1", "0"})
    void theseAreIds(String id) {
        assertThat(ResourceSchema.isId(id)).isTrue();
        assertThat(ResourceSchema.isId("x".repeat(64))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a/b", "é", "a\n", "tab\tle", "{id}", "ü1"})
    void theseAreNot(String id) {
        assertThat(ResourceSchema.isId(id)).isFalse();
        assertThat(ResourceSchema.isId("x".repeat(65))).isFalse();
        assertThat(ResourceSchema.isId(null)).isFalse();
        assertThat(catchThrowableOfType(InvalidField.class, () -> ResourceSchema.requireId("id", id)).getMessage())
                .isEqualTo("id: must be 1 to 64 characters of A-Z, a-z, 0-9, _ . : -");
    }
}
