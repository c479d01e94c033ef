package com.redcoral.edge.resource;

import static com.redcoral.edge.resource.DeciderFixture.ADMIN;
import static com.redcoral.edge.resource.DeciderFixture.HASH;
import static com.redcoral.edge.resource.DeciderFixture.NOW;
import static com.redcoral.edge.resource.DeciderFixture.OTHER_HASH;
import static com.redcoral.edge.resource.DeciderFixture.SHIFT_MANAGER;
import static com.redcoral.edge.resource.DeciderFixture.SYSTEM;
import static com.redcoral.edge.resource.DeciderFixture.create;
import static com.redcoral.edge.resource.DeciderFixture.delete;
import static com.redcoral.edge.resource.DeciderFixture.expecting;
import static com.redcoral.edge.resource.DeciderFixture.json;
import static com.redcoral.edge.resource.DeciderFixture.newStore;
import static com.redcoral.edge.resource.DeciderFixture.nothing;
import static com.redcoral.edge.resource.DeciderFixture.update;
import static com.redcoral.edge.resource.ResourceType.CATEGORY;
import static com.redcoral.edge.resource.ResourceType.DINING_TABLE;
import static com.redcoral.edge.resource.ResourceType.EMPLOYEE;
import static com.redcoral.edge.resource.ResourceType.PRINT_DESTINATION;
import static com.redcoral.edge.resource.ResourceType.PRODUCT;
import static com.redcoral.edge.resource.ResourceType.ROLE;
import static com.redcoral.edge.resource.ResourceType.TAG;
import static com.redcoral.edge.resource.ResourceType.ZONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.Permission;
import com.redcoral.edge.order.Rejection;
import com.redcoral.edge.resource.ResourceChange.Action;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of {@link ResourceDecider}, as given/when/then scenarios over {@link DeciderFixture}:
 * the state is always one the decider itself built, and every rejection is checked to leave every
 * version and item as it was.
 */
class ResourceDeciderTest {

    /** Data a create of each type accepts with nothing else in the store but the new store's admin. */
    static Stream<Arguments> minimalItems() {
        return Stream.of(
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 300}"""),
                arguments(CATEGORY, """
                        {"name": "Drinks"}"""),
                arguments(TAG, """
                        {"name": "Vegan"}"""),
                arguments(ResourceType.ATTRIBUTE, """
                        {"name": "Size"}"""),
                arguments(ZONE, """
                        {"name": "Terrace"}"""),
                arguments(DINING_TABLE, """
                        {"name": "Table 1"}"""),
                arguments(EMPLOYEE, """
                        {"name": "Zhang San", "role_id": "admin", "pin": "1357"}"""),
                arguments(ROLE, """
                        {"name": "Cashier", "permissions": []}"""),
                arguments(ResourceType.PRICE_RULE, """
                        {"name": "Happy hour"}"""),
                arguments(PRINT_DESTINATION, """
                        {"name": "Kitchen printer"}"""));
    }

    /** Each type's required fields, each left out of an otherwise valid create. */
    static Stream<Arguments> requiredFields() {
        return Stream.concat(
                minimalItems().map(a -> arguments(a.get()[0], a.get()[1], "name")),
                Stream.of(
                        arguments(PRODUCT, """
                                {"name": "Cola", "price": 300}""", "price"),
                        arguments(EMPLOYEE, """
                                {"name": "Zhang San", "role_id": "admin", "pin": "1357"}""", "role_id"),
                        arguments(ROLE, """
                                {"name": "Cashier", "permissions": []}""", "permissions")));
    }

    /** Each reference, with data that names {@code %s} in it and an item that exists. */
    static Stream<Arguments> references() {
        return Stream.of(
                arguments(PRODUCT, """
                        {"name": "Cola", "price": 300, "category_id": "%s"}""", "category_id", "drinks"),
                arguments(CATEGORY, """
                        {"name": "Food", "print_destination_id": "%s"}""", "print_destination_id", "bar"),
                arguments(DINING_TABLE, """
                        {"name": "T1", "zone_id": "%s", "seats": 4}""", "zone_id", "terrace"),
                arguments(EMPLOYEE, """
                        {"name": "Zhang San", "role_id": "%s", "pin": "1357"}""", "role_id", "cashier"));
    }

    // --------------------------------------------------------------------------- authorization

    @Nested
    class Authorization {

        @Test
        void anOperatorWithoutResourcesManageIsRefused() {
            Rejection rejection = newStore().when(create(TAG, "vegan", """
                    {"name": "Vegan"}""")).by(SHIFT_MANAGER).thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);

            assertThat(rejection.message()).isEqualTo("mgr_01 may not change resources: their role lacks "
                    + "resources.manage");
        }

        @Test
        void authorizationIsCheckedBeforeAnythingElse() {
            DeciderFixture store = newStore();

            store.when(delete(PRODUCT, "nothing")).by(SHIFT_MANAGER).thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);
            store.when(create(PRODUCT, "cola", "{}")).by(SHIFT_MANAGER).thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);
            store.when(delete(EMPLOYEE, "admin")).by(new Actor("nobody", "Nobody", EnumSet.noneOf(Permission.class)))
                    .thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);
        }
    }

    // ---------------------------------------------------------------------------------- create

    @Nested
    class Create {

        @Test
        void createsAnItemWithTheTypesNextVersionAndWhoMadeIt() {
            DeciderFixture store = newStore();

            ResourceChange change = store.when(create(PRODUCT, "cola", """
                    {"name": "Cola", "price": 300, "active": true}""")).thenAccepted();

            ResourceItem cola = new ResourceItem("cola", ResourceVersion.of(1), json("""
                    {"name": "Cola", "price": 300, "active": true}"""));
            assertThat(change).isEqualTo(new ResourceChange(PRODUCT, Action.CREATED, null, cola, ResourceVersion.of(1),
                    "admin", "Ada Admin", NOW));
            assertThat(store.item(PRODUCT, "cola")).isEqualTo(cola);
            assertThat(store.version(PRODUCT)).isEqualTo(ResourceVersion.of(1));
        }

        @ParameterizedTest
        @MethodSource("com.redcoral.edge.resource.ResourceDeciderTest#minimalItems")
        void everyTypeIsCreatedFromItsRequiredFields(ResourceType type, String data) {
            DeciderFixture store = newStore();
            ResourceVersion before = store.version(type);

            ResourceChange change = store.when(create(type, "x1", data)).thenAccepted();

            assertThat(change.version()).isEqualTo(before.next());
            assertThat(store.item(type, "x1").version()).isEqualTo(before.next());
        }

        @ParameterizedTest(name = "{0} without {2}")
        @MethodSource("com.redcoral.edge.resource.ResourceDeciderTest#requiredFields")
        void everyRequiredFieldIsRequired(ResourceType type, String data, String field) {
            ObjectNode without = json(data);
            without.remove(field);

            Rejection rejection = newStore().when(create(type, "x1", without.toString()))
                    .thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).isEqualTo("data." + field + ": is required");
        }

        @Test
        void aCreateWithoutAnIdTakesTheNodesNewId() {
            ResourceChange change = newStore().when(create(TAG, null, """
                    {"name": "Vegan"}""")).withNewId("tag-7f3a").thenAccepted();

            assertThat(change.id()).isEqualTo("tag-7f3a");
            assertThat(change.after().id()).isEqualTo("tag-7f3a");
        }

        @Test
        void anIdThatExistsIsRefused() {
            DeciderFixture store = newStore().givenCreated(TAG, "vegan", """
                    {"name": "Vegan"}""");

            Rejection rejection = store.when(create(TAG, "vegan", """
                    {"name": "Plant based"}""")).thenRejected(ErrorCode.RESOURCE_EXISTS);
            store.when(create(TAG, null, """
                    {"name": "Plant based"}""")).withNewId("vegan").thenRejected(ErrorCode.RESOURCE_EXISTS);

            assertThat(rejection.message()).isEqualTo("tag \"vegan\" already exists");
        }

        @Test
        void theSameIdMayNameItemsOfDifferentTypes() {
            newStore().givenCreated(TAG, "drinks", """
                    {"name": "Drinks"}""")
                    .when(create(CATEGORY, "drinks", """
                            {"name": "Drinks"}""")).thenAccepted();
        }

        @Test
        void noEmployeeMayBeCalledSystem() {
            DeciderFixture store = newStore();

            Rejection rejection = store.when(create(EMPLOYEE, "system", """
                    {"name": "Sneaky", "role_id": "admin", "pin": "1357"}""")).thenRejected(ErrorCode.INVALID_COMMAND);
            store.when(create(EMPLOYEE, null, """
                    {"name": "Sneaky", "role_id": "admin", "pin": "1357"}""")).withNewId("system")
                    .thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).startsWith("id: ").contains("reserved");
            store.when(create(TAG, "system", """
                    {"name": "System"}""")).thenAccepted();
        }

        @Test
        void anIdThatIsNotOneIsRefused() {
            Rejection rejection = newStore().when(create(TAG, "no spaces", """
                    {"name": "Vegan"}""")).thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).startsWith("id: must be 1 to 64 characters");
        }

        @Test
        void theNodeMustGiveAnIdWhenTheCommandHasNone() {
            ResourceCommand command = create(TAG, null, """
                    {"name": "Vegan"}""");

            assertThatThrownBy(() -> ResourceDecider.decide(ResourceState.empty(), command, SYSTEM,
                    new ResourceDecider.Context(NOW, null, null))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void fieldsBeyondTheSchemaAreKeptAsGivenAndNullsLeftOutAsAnUpdateWould() {
            ResourceChange change = newStore().when(create(PRODUCT, "cola", """
                    {"name": "Cola", "price": 300, "sku": "CC-330", "allergens": ["caffeine"],
                     "nutrition": {"kcal": 139, "sugar_g": 35.0}, "category_id": null}""")).thenAccepted();

            assertThat(change.after().fields()).isEqualTo(json("""
                    {"name": "Cola", "price": 300, "sku": "CC-330", "allergens": ["caffeine"],
                     "nutrition": {"kcal": 139, "sugar_g": 35.0}}"""));
        }

        @Test
        void eachTypeCountsItsOwnVersions() {
            DeciderFixture store = newStore();

            store.when(create(TAG, "a", """
                    {"name": "A"}""")).thenAccepted();
            store.when(create(CATEGORY, "c", """
                    {"name": "C"}""")).thenAccepted();
            ResourceChange second = store.when(create(TAG, "b", """
                    {"name": "B"}""")).thenAccepted();

            assertThat(second.version()).isEqualTo(ResourceVersion.of(2));
            assertThat(store.version(CATEGORY)).isEqualTo(ResourceVersion.of(1));
            assertThat(store.version(ROLE)).isEqualTo(ResourceVersion.of(1));
            assertThat(store.version(PRODUCT)).isEqualTo(ResourceVersion.ZERO);
        }

        @Test
        void anInvalidFieldIsRefusedWithItsName() {
            Rejection rejection = newStore().when(create(PRODUCT, "cola", """
                    {"name": "Cola", "price": 3.5}""")).thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).isEqualTo("data.price: must be a whole number of minor units from 0 to "
                    + "1000000000");
        }
    }

    // ---------------------------------------------------------------------------------- update

    @Nested
    class Update {

        private final DeciderFixture store = newStore().givenCreated(PRODUCT, "burger", """
                {"name": "Burger", "price": 1250, "active": true, "sku": "B-1",
                 "options": {"doneness": "medium", "bun": "brioche"}, "tags": ["beef", "grill"]}""");

        @Test
        void mergesDataOntoTheFieldsAsAJsonMergePatch() {
            ResourceItem before = store.item(PRODUCT, "burger");

            ResourceChange change = store.when(update(PRODUCT, "burger", """
                    {"price": 1350, "sku": null, "options": {"bun": null, "cheese": "cheddar"}, "tags": ["beef"],
                     "note": "new recipe"}""")).thenAccepted();

            assertThat(change.action()).isEqualTo(Action.UPDATED);
            assertThat(change.before()).isEqualTo(before);
            assertThat(change.after()).isEqualTo(new ResourceItem("burger", ResourceVersion.of(2), json("""
                    {"name": "Burger", "price": 1350, "active": true,
                     "options": {"doneness": "medium", "cheese": "cheddar"}, "tags": ["beef"],
                     "note": "new recipe"}""")));
            assertThat(store.item(PRODUCT, "burger")).isEqualTo(change.after());
        }

        @Test
        void anEmptyPatchChangesNothingButTheVersion() {
            ResourceItem before = store.item(PRODUCT, "burger");

            ResourceChange change = store.when(update(PRODUCT, "burger", "{}")).thenAccepted();

            assertThat(change.after().fields()).isEqualTo(before.fields());
            assertThat(change.version()).isEqualTo(ResourceVersion.of(2));
        }

        @Test
        void removingARequiredFieldIsRefused() {
            Rejection rejection = store.when(update(PRODUCT, "burger", """
                    {"price": null}""")).thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).isEqualTo("data.price: is required");
        }

        @Test
        void anItemThatDoesNotExistIsNotFound() {
            Rejection rejection = store.when(update(PRODUCT, "pizza", """
                    {"price": 900}""")).thenRejected(ErrorCode.RESOURCE_NOT_FOUND);

            assertThat(rejection.message()).isEqualTo("product \"pizza\" does not exist");
            store.when(update(TAG, "burger", """
                    {"name": "x"}""")).thenRejected(ErrorCode.RESOURCE_NOT_FOUND);
        }

        @Test
        void neitherTheCommandNorTheStoredItemIsModified() {
            ResourceCommand command = update(PRODUCT, "burger", """
                    {"price": 1350, "options": {"bun": null}, "sku": null}""");
            ObjectNode dataBefore = command.data().deepCopy();
            ResourceItem stored = store.item(PRODUCT, "burger");
            ObjectNode storedBefore = stored.fields().deepCopy();

            ResourceChange change = store.when(command).thenAccepted();

            assertThat(command.data()).isEqualTo(dataBefore);
            assertThat(stored.fields()).isEqualTo(storedBefore);
            assertThat(change.after().fields()).isNotSameAs(stored.fields());
            change.after().fields().put("price", 1);
            assertThat(command.data()).isEqualTo(dataBefore);
        }

        @Test
        void aCreateKeepsNoLinkToTheCommandsData() {
            ResourceCommand command = create(TAG, "vegan", """
                    {"name": "Vegan"}""");

            ResourceChange change = store.when(command).thenAccepted();
            command.data().put("name", "Changed later");

            assertThat(change.after().text("name")).contains("Vegan");
        }
    }

    // --------------------------------------------------------------------------------- versions

    @Nested
    class ExpectedVersion {

        private final DeciderFixture store = newStore()
                .givenCreated(TAG, "a", """
                        {"name": "A"}""")
                .givenCreated(TAG, "b", """
                        {"name": "B"}""");

        @Test
        void theItemsOwnVersionIsWhatIsExpected() {
            store.when(expecting(1, update(TAG, "a", """
                    {"name": "A2"}"""))).thenAccepted();
            store.when(expecting(2, delete(TAG, "b"))).thenAccepted();

            assertThat(store.item(TAG, "a").version()).isEqualTo(ResourceVersion.of(3));
            assertThat(store.version(TAG)).isEqualTo(ResourceVersion.of(4));
        }

        @Test
        void aStaleVersionIsAConflictNamingBoth() {
            Rejection rejection = store.when(expecting(2, update(TAG, "a", """
                    {"name": "A2"}"""))).thenRejected(ErrorCode.VERSION_CONFLICT);

            assertThat(rejection.message()).isEqualTo("tag \"a\" is at version 1, not the expected version 2");
            store.when(expecting(1, delete(TAG, "b"))).thenRejected(ErrorCode.VERSION_CONFLICT);
        }

        @Test
        void anItemThatDoesNotExistIsAtVersion0() {
            store.when(expecting(1, create(TAG, "c", """
                    {"name": "C"}"""))).thenRejected(ErrorCode.VERSION_CONFLICT);
            store.when(expecting(0, create(TAG, "c", """
                    {"name": "C"}"""))).thenAccepted();
        }

        @Test
        void theOrderOfTheChecks() {
            // exists before version, version before fields
            store.when(expecting(0, create(TAG, "a", "{}"))).thenRejected(ErrorCode.RESOURCE_EXISTS);
            store.when(expecting(5, update(TAG, "z", "{}"))).thenRejected(ErrorCode.RESOURCE_NOT_FOUND);
            store.when(expecting(5, update(TAG, "a", """
                    {"name": null}"""))).thenRejected(ErrorCode.VERSION_CONFLICT);
        }
    }

    // ---------------------------------------------------------------------------------- delete

    @Nested
    class Delete {

        @Test
        void deletesAnItemThatNothingRefersTo() {
            DeciderFixture store = newStore().givenCreated(TAG, "vegan", """
                    {"name": "Vegan"}""");
            ResourceItem vegan = store.item(TAG, "vegan");

            ResourceChange change = store.when(delete(TAG, "vegan")).thenAccepted();

            assertThat(change).isEqualTo(new ResourceChange(TAG, Action.DELETED, vegan, null, ResourceVersion.of(2),
                    "admin", "Ada Admin", NOW));
            assertThat(store.state().item(TAG, "vegan")).isEmpty();
            assertThat(store.version(TAG)).isEqualTo(ResourceVersion.of(2));
        }

        @Test
        void anItemThatDoesNotExistIsNotFound() {
            newStore().when(delete(TAG, "vegan")).thenRejected(ErrorCode.RESOURCE_NOT_FOUND);
        }
    }

    // ------------------------------------------------------------------------------ references

    @Nested
    class References {

        private final DeciderFixture store = newStore()
                .givenCreated(PRINT_DESTINATION, "bar", """
                        {"name": "Bar printer"}""")
                .givenCreated(CATEGORY, "drinks", """
                        {"name": "Drinks", "print_destination_id": "bar"}""")
                .givenCreated(ZONE, "terrace", """
                        {"name": "Terrace", "surcharge_percent": 12.5}""")
                .givenCreated(ROLE, "cashier", """
                        {"name": "Cashier", "permissions": ["order.discount"]}""");

        @ParameterizedTest(name = "{0}.{2}")
        @MethodSource("com.redcoral.edge.resource.ResourceDeciderTest#references")
        void aReferenceMustNameAnExistingItem(ResourceType type, String data, String field, String existing) {
            ResourceType target = ResourceSchema.referencesFrom(type).getFirst().to();

            Rejection rejection = store.when(create(type, "x1", data.formatted("nope")))
                    .thenRejected(ErrorCode.INVALID_COMMAND);
            store.when(create(type, "x1", data.formatted(existing))).thenAccepted();
            store.when(update(type, "x1", """
                    {"%s": "nope"}""".formatted(field))).thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).isEqualTo("data." + field + ": no " + target + " \"nope\"");
        }

        @Test
        void aReferencedItemCannotBeDeletedUntilNothingRefersToIt() {
            store.givenCreated(PRODUCT, "cola", """
                    {"name": "Cola", "price": 300, "category_id": "drinks"}""");

            Rejection rejection = store.when(delete(CATEGORY, "drinks")).thenRejected(ErrorCode.RESOURCE_IN_USE);
            store.when(delete(PRINT_DESTINATION, "bar")).thenRejected(ErrorCode.RESOURCE_IN_USE);
            store.when(update(PRODUCT, "cola", """
                    {"category_id": null}""")).thenAccepted();
            store.when(delete(CATEGORY, "drinks")).thenAccepted();
            store.when(delete(PRINT_DESTINATION, "bar")).thenAccepted();

            assertThat(rejection.message()).isEqualTo("category \"drinks\" is still referred to by product \"cola\"");
        }

        @Test
        void aZoneWithTablesAndARoleWithEmployeesAreInUse() {
            store.givenCreated(DINING_TABLE, "t1", """
                    {"name": "T1", "zone_id": "terrace"}""")
                    .givenCreated(EMPLOYEE, "emp_01", """
                            {"name": "Zhang San", "role_id": "cashier", "pin": "1357"}""");

            assertThat(store.when(delete(ZONE, "terrace")).thenRejected(ErrorCode.RESOURCE_IN_USE).message())
                    .isEqualTo("zone \"terrace\" is still referred to by dining_table \"t1\"");
            assertThat(store.when(delete(ROLE, "cashier")).thenRejected(ErrorCode.RESOURCE_IN_USE).message())
                    .isEqualTo("role \"cashier\" is still referred to by employee \"emp_01\"");
        }

        @Test
        void theRefusalNamesAtMostFiveReferrers() {
            for (int i = 1; i <= 8; i++) {
                store.givenCreated(PRODUCT, "p" + i, """
                        {"name": "P%d", "price": 100, "category_id": "drinks"}""".formatted(i));
            }

            Rejection rejection = store.when(delete(CATEGORY, "drinks")).thenRejected(ErrorCode.RESOURCE_IN_USE);

            assertThat(rejection.message()).isEqualTo("category \"drinks\" is still referred to by product \"p1\", "
                    + "product \"p2\", product \"p3\", product \"p4\", product \"p5\" and 3 more");
        }
    }

    // -------------------------------------------------------------------------------- employees

    @Nested
    class Employees {

        private final DeciderFixture store = newStore().givenCreated(ROLE, "cashier", """
                {"name": "Cashier", "permissions": []}""");

        @Test
        void aNewEmployeeKeepsTheHashOfTheirPinNeverThePin() {
            ResourceChange change = store.when(create(EMPLOYEE, "emp_01", """
                    {"name": "Zhang San", "role_id": "cashier", "pin": "1357"}""")).withPinHash(HASH).thenAccepted();

            assertThat(change.after().fields()).isEqualTo(json("""
                    {"name": "Zhang San", "role_id": "cashier", "pin_hash": "%s"}""".formatted(HASH)));
            assertThat(change.syncJson().toString()).doesNotContain("pin_hash", "1357", HASH);
            assertThat(change.logJson().path("pin_changed").booleanValue()).isTrue();
        }

        @Test
        void aNewEmployeeNeedsAPin() {
            Rejection rejection = store.when(create(EMPLOYEE, "emp_01", """
                    {"name": "Zhang San", "role_id": "cashier"}""")).thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).isEqualTo("data.pin: is required for a new employee");
        }

        @Test
        void theSystemMayImportAnEmployeeWithAnExistingHash() {
            ResourceChange change = store.when(create(EMPLOYEE, "emp_01", """
                    {"name": "Zhang San", "role_id": "cashier"}""")).by(SYSTEM).withPinHash(OTHER_HASH).thenAccepted();

            assertThat(change.after().text(ResourceItem.PIN_HASH)).contains(OTHER_HASH);
            assertThat(change.operatorId()).isEqualTo("system");
        }

        @Test
        void aNewPinReplacesTheHashAndAnUpdateWithoutOneKeepsIt() {
            store.givenCreated(EMPLOYEE, "emp_01", """
                    {"name": "Zhang San", "role_id": "cashier", "pin": "1357"}""");

            ResourceChange renamed = store.when(update(EMPLOYEE, "emp_01", """
                    {"name": "Zhang San Jr."}""")).thenAccepted();
            ResourceChange repinned = store.when(update(EMPLOYEE, "emp_01", """
                    {"pin": "9753"}""")).withPinHash(OTHER_HASH).thenAccepted();

            assertThat(renamed.after().text(ResourceItem.PIN_HASH)).contains(HASH);
            assertThat(renamed.logJson().path("pin_changed").booleanValue()).isFalse();
            assertThat(repinned.after().fields()).isEqualTo(json("""
                    {"name": "Zhang San Jr.", "role_id": "cashier", "pin_hash": "%s"}""".formatted(OTHER_HASH)));
            assertThat(repinned.logJson().path("pin_changed").booleanValue()).isTrue();
            assertThat(repinned.logJson().toString()).doesNotContain("9753", HASH, OTHER_HASH);
        }

        @Test
        void aPinHashInDataIsRefusedOnEveryType() {
            store.when(create(EMPLOYEE, "emp_01", """
                    {"name": "Zhang San", "role_id": "cashier", "pin_hash": "%s"}""".formatted(HASH)))
                    .withPinHash(HASH).thenRejected(ErrorCode.INVALID_COMMAND);
            Rejection rejection = store.when(update(EMPLOYEE, "admin", """
                    {"pin_hash": null}""")).thenRejected(ErrorCode.INVALID_COMMAND);
            store.when(create(TAG, "t", """
                    {"name": "T", "pin_hash": "x"}""")).thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).isEqualTo("data.pin_hash: is set by the node; send pin");
        }

        @Test
        void onlyEmployeesHaveAPin() {
            Rejection rejection = store.when(create(TAG, "t", """
                    {"name": "T", "pin": "1357"}""")).thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).isEqualTo("data.pin: only employees have a PIN");
        }

        @Test
        void aPinThatReachesTheDeciderUnhashedIsTheNodesBug() {
            ResourceCommand command = update(EMPLOYEE, "admin", """
                    {"pin": "1357"}""");

            assertThatThrownBy(() -> store.when(command).withPinHash(null).decide())
                    .isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain("1357");
        }
    }

    // ------------------------------------------------------------------------------- managers

    @Nested
    class NoManagerLeft {

        private final DeciderFixture store = newStore()
                .givenCreated(ROLE, "cashier", """
                        {"name": "Cashier", "permissions": ["order.discount"]}""")
                .givenCreated(EMPLOYEE, "emp_01", """
                        {"name": "Zhang San", "role_id": "cashier", "pin": "1357"}""");

        @Test
        void theLastManagerCannotBeDeleted() {
            Rejection rejection = store.when(delete(EMPLOYEE, "admin")).thenRejected(ErrorCode.NO_MANAGER_LEFT);

            assertThat(rejection.message()).isEqualTo("this delete of employee \"admin\" would leave no active "
                    + "employee whose role holds resources.manage");
        }

        @Test
        void theLastManagerCannotBeDeactivated() {
            store.when(update(EMPLOYEE, "admin", """
                    {"active": false}""")).thenRejected(ErrorCode.NO_MANAGER_LEFT);
        }

        @Test
        void theLastManagerCannotBeMovedToARoleWithoutResourcesManage() {
            store.when(update(EMPLOYEE, "admin", """
                    {"role_id": "cashier"}""")).thenRejected(ErrorCode.NO_MANAGER_LEFT);
        }

        @Test
        void theLastManagersRoleCannotLoseResourcesManage() {
            store.when(update(ROLE, "admin", """
                    {"permissions": ["order.void"]}""")).thenRejected(ErrorCode.NO_MANAGER_LEFT);
            store.when(update(ROLE, "admin", """
                    {"permissions": []}""")).thenRejected(ErrorCode.NO_MANAGER_LEFT);
        }

        @Test
        void anInactiveManagerDoesNotCount() {
            store.givenCreated(EMPLOYEE, "mgr_02", """
                    {"name": "Retired", "role_id": "admin", "pin": "1357", "active": false}""");

            store.when(delete(EMPLOYEE, "admin")).thenRejected(ErrorCode.NO_MANAGER_LEFT);
        }

        @Test
        void withAnotherActiveManagerEveryOneOfThoseIsAccepted() {
            store.givenCreated(EMPLOYEE, "mgr_02", """
                    {"name": "Wang", "role_id": "admin", "pin": "1357", "active": true}""");

            store.when(update(EMPLOYEE, "admin", """
                    {"active": false}""")).thenAccepted();
            store.when(update(EMPLOYEE, "admin", """
                    {"active": null, "role_id": "cashier"}""")).thenAccepted();
            store.when(delete(EMPLOYEE, "admin")).thenAccepted();
            store.when(update(EMPLOYEE, "mgr_02", """
                    {"active": false}""")).thenRejected(ErrorCode.NO_MANAGER_LEFT);
        }

        @Test
        void anotherRoleWithResourcesManageKeepsAManager() {
            store.givenCreated(ROLE, "owner", """
                    {"name": "Owner", "permissions": ["resources.manage"]}""")
                    .given(update(EMPLOYEE, "emp_01", """
                            {"role_id": "owner"}"""));

            store.when(update(ROLE, "admin", """
                    {"permissions": []}""")).thenAccepted();
            store.when(update(ROLE, "owner", """
                    {"permissions": ["order.void"]}""")).thenRejected(ErrorCode.NO_MANAGER_LEFT);
        }

        @Test
        void aRoleInUseIsInUseBeforeItIsTheLastManagers() {
            store.when(delete(ROLE, "admin")).thenRejected(ErrorCode.RESOURCE_IN_USE);
        }

        @Test
        void aStoreIsBuiltFromNothingRoleFirst() {
            DeciderFixture empty = nothing();

            empty.when(create(ROLE, "admin", """
                    {"name": "Administrator", "permissions": ["resources.manage"]}""")).by(SYSTEM).thenAccepted();
            empty.when(create(EMPLOYEE, "admin", """
                    {"name": "Ada Admin", "role_id": "admin", "pin": "2468"}""")).by(SYSTEM).thenAccepted();
            empty.when(update(EMPLOYEE, "admin", """
                    {"active": false}""")).thenRejected(ErrorCode.NO_MANAGER_LEFT);
        }

        @Test
        void otherTypesAreNotHeldToIt() {
            DeciderFixture empty = nothing();

            empty.when(create(TAG, "t", """
                    {"name": "T"}""")).thenAccepted();
            empty.when(create(ROLE, "r", """
                    {"name": "R", "permissions": []}""")).thenAccepted();
        }
    }

    // ----------------------------------------------------------------------------- properties

    @Nested
    class Purity {

        @ParameterizedTest
        @EnumSource(ResourceType.class)
        void aRejectionLeavesEveryVersionAsItWas(ResourceType type) {
            DeciderFixture store = newStore().givenCreated(TAG, "t", """
                    {"name": "T"}""");
            Map<ResourceType, ResourceVersion> before = store.state().versions();

            store.when(create(type, "t2", """
                    {"name": ""}""")).thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(store.state().versions()).isEqualTo(before);
        }

        @Test
        void decidingLeavesTheStateAsItWasWhateverTheOutcome() {
            DeciderFixture store = newStore();
            ResourceState state = store.state();
            Map<ResourceType, ResourceVersion> versions = state.versions();

            ResourceDecision decision = store.when(create(TAG, "t", """
                    {"name": "T"}""")).decide();

            assertThat(decision).isInstanceOf(ResourceDecision.Accepted.class);
            assertThat(state.versions()).isEqualTo(versions);
            assertThat(state.item(TAG, "t")).isEmpty();
        }

        @Test
        void theSameCommandOnTheSameStateIsDecidedTheSameWay() {
            DeciderFixture store = newStore();
            ResourceCommand command = update(EMPLOYEE, "admin", """
                    {"name": "Ada", "pin": "1234"}""");

            assertThat(store.when(command).withNewId("n").decide())
                    .isEqualTo(store.when(command).withNewId("n").decide());
            assertThat(store.when(delete(EMPLOYEE, "admin")).decide())
                    .isEqualTo(store.when(delete(EMPLOYEE, "admin")).decide());
        }

        @Test
        void theActorIsRecordedAsTheyAreNow() {
            Actor renamed = new Actor("admin", "Ada Lovelace", ADMIN.permissions());

            ResourceChange change = newStore().when(create(TAG, "t", """
                    {"name": "T"}""")).by(renamed).thenAccepted();

            assertThat(change.operatorName()).isEqualTo("Ada Lovelace");
            assertThat(change.timestamp()).isEqualTo(NOW);
        }
    }
}
