package com.redcoral.edge.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.order.InvalidField;
import com.redcoral.edge.resource.ResourceCommand;
import com.redcoral.edge.resource.ResourceCommand.Action;
import com.redcoral.edge.resource.ResourceType;
import com.redcoral.edge.resource.ResourceVersion;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict reading of a ResourceCommand (PROTOCOL.md §3): the envelope, the id rules, the two
 * PINs. Whatever is missing, mistyped or out of range is refused with an {@link InvalidField} naming
 * the field, and no refusal ever quotes a PIN. The fields of {@code data} are the schema's, tested in
 * ResourceSchemaTest.
 */
class ResourceCommandReaderTest {

    /** The operator's PIN in every command here; no message may contain it. */
    private static final String PIN = "864209";
    /** An employee's new PIN; no message may contain it either. */
    private static final String NEW_PIN = "5173";

    private static final String OPERATOR_PIN_RULE = "operator_pin: must be 4 to 8 digits";
    private static final String DATA_PIN_RULE = "data.pin: must be 4 to 8 digits";

    /** A ResourceCommand with the operator and their PIN, and {@code fields} before them. */
    private static String command(String fields) {
        return """
                {%s, "operator_id": "admin", "operator_pin": "%s"}""".formatted(fields, PIN);
    }

    private static String command(String resource, String action, String rest) {
        return command("""
                "resource": "%s", "action": "%s"%s""".formatted(resource, action, rest.isEmpty() ? "" : ", " + rest));
    }

    private static InvalidField refusal(String json) {
        InvalidField refusal = catchThrowableOfType(InvalidField.class, () -> ResourceCommandReader.read(json));
        assertThat(refusal).as("refused: %s", json).isNotNull();
        return refusal;
    }

    private static JsonNode json(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    // ------------------------------------------------------------------------------ valid ones

    @Test
    void aCreateReadsIntoItsRecord() throws Exception {
        ResourceCommand command = ResourceCommandReader.read(command("product", "create", """
                "id": "cola", "data": {"name": "Cola", "price": 300, "category_id": null, "sku": {"ean": "123"}}"""));

        assertThat(command).isEqualTo(new ResourceCommand(ResourceType.PRODUCT, Action.CREATE, "cola",
                (ObjectNode) json("""
                        {"name": "Cola", "price": 300, "category_id": null, "sku": {"ean": "123"}}"""),
                null, "admin", PIN));
    }

    @ParameterizedTest
    @EnumSource(ResourceType.class)
    void everyResourceTypeIsKnownByItsWireName(ResourceType type) {
        String data = type == ResourceType.EMPLOYEE ? """
                {"name": "N", "pin": "%s"}""".formatted(NEW_PIN) : """
                {"name": "N"}""";

        assertThat(ResourceCommandReader.read(command(type.wireName(), "create", "\"data\": " + data)).type())
                .isEqualTo(type);
    }

    @Test
    void aCreateMayLeaveTheIdToTheNode() {
        ResourceCommand command = ResourceCommandReader.read(command("tag", "create", """
                "data": {"name": "Vegan"}"""));

        assertThat(command.id()).isNull();
        assertThat(command.expectedVersion()).isNull();
    }

    @Test
    void dataIdGivesTheIdOfACreateAndNeitherIdNorVersionStaysInData() throws Exception {
        ResourceCommand command = ResourceCommandReader.read(command("tag", "create", """
                "data": {"id": "vegan", "version": 12, "name": "Vegan"}"""));

        assertThat(command.id()).isEqualTo("vegan");
        assertThat(command.data()).isEqualTo(json("""
                {"name": "Vegan"}"""));
    }

    @Test
    void dataIdMayRepeatTheId() throws Exception {
        ResourceCommand command = ResourceCommandReader.read(command("tag", "update", """
                "id": "vegan", "data": {"id": "vegan", "version": 3, "name": "Plant based"}, "expected_version": 3"""));

        assertThat(command.id()).isEqualTo("vegan");
        assertThat(command.data()).isEqualTo(json("""
                {"name": "Plant based"}"""));
        assertThat(command.expectedVersion()).isEqualTo(ResourceVersion.of(3));
    }

    @Test
    void anUpdateCarriesItsPatchWithNullsAsGiven() throws Exception {
        ResourceCommand command = ResourceCommandReader.read(command("product", "update", """
                "id": "cola", "data": {"category_id": null, "price": 350}, "expected_version": 0"""));

        assertThat(command.action()).isEqualTo(Action.UPDATE);
        assertThat(command.data()).isEqualTo(json("""
                {"category_id": null, "price": 350}"""));
        assertThat(command.expectedVersion()).isEqualTo(ResourceVersion.ZERO);
    }

    @Test
    void whoMayHaveAPinAndPinHashAreLeftToTheDecider() {
        // The decider and the schema refuse these (ResourceDeciderTest, ResourceSchemaTest); the reader
        // only makes sure a PIN has the form that may be hashed.
        assertThat(ResourceCommandReader.read(command("product", "create", """
                "data": {"name": "Cola", "price": 1, "pin": "%s", "pin_hash": "x"}""".formatted(NEW_PIN))).data()
                .has("pin_hash")).isTrue();
        ResourceCommand noPin = ResourceCommandReader.read(command("employee", "create", """
                "id": "e", "data": {"name": "Zhang San", "role_id": "cashier"}"""));
        assertThat(noPin.newPin()).isNull();
        ResourceCommand productPin = ResourceCommandReader.read(command("product", "update", """
                "id": "cola", "data": {"pin": "%s"}""".formatted(NEW_PIN)));
        assertThat(productPin.newPin()).as("only an employee's PIN is hashed").isNull();
    }

    @Test
    void aDeleteIgnoresItsData() {
        ResourceCommand command = ResourceCommandReader.read(command("tag", "delete", """
                "id": "vegan", "data": "whatever", "expected_version": 9007199254740993"""));

        assertThat(command).isEqualTo(new ResourceCommand(ResourceType.TAG, Action.DELETE, "vegan", null,
                ResourceVersion.of(9_007_199_254_740_993L), "admin", PIN));
        assertThat(ResourceCommandReader.read(command("tag", "delete", """
                "id": "vegan", "data": {"pin_hash": "x", "id": "other"}""")).data()).isNull();
    }

    @Test
    void anEmployeesNewPinIsReadButNeverShown() {
        ResourceCommand command = ResourceCommandReader.read(command("employee", "create", """
                "id": "emp_01", "data": {"name": "Zhang San", "role_id": "cashier", "pin": "%s"}"""
                .formatted(NEW_PIN)));

        assertThat(command.newPin()).isEqualTo(NEW_PIN);
        assertThat(command.operatorPin()).isEqualTo(PIN);
        assertThat(command.toString()).doesNotContain(NEW_PIN, PIN).contains("emp_01", "Zhang San");
    }

    @Test
    void anEmployeeUpdateNeedsNoPin() {
        assertThat(ResourceCommandReader.read(command("employee", "update", """
                "id": "emp_01", "data": {"active": false}""")).newPin()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000", "1234", "12345678", "00000000"})
    void aPinIsFourToEightDigits(String pin) {
        ResourceCommand command = ResourceCommandReader.read("""
                {"resource": "employee", "action": "update", "id": "e", "data": {"pin": "%s"},
                 "operator_id": "admin", "operator_pin": "%s"}""".formatted(pin, pin));

        assertThat(command.newPin()).isEqualTo(pin);
        assertThat(command.operatorPin()).isEqualTo(pin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "cola", "T-12", "emp_01", "zone.terrace", "urn:pos:1",
            "0123456789012345678901234567890123456789012345678901234567890123"})
    void theseAreIds(String id) {
        assertThat(ResourceCommandReader.read(command("tag", "delete", "\"id\": \"" + id + "\"")).id()).isEqualTo(id);
    }

    @Test
    void unknownTopLevelKeysAndNullOptionalsAreIgnored() {
        ResourceCommand command = ResourceCommandReader.read("""
                {"resource": "tag", "action": "create", "id": null, "expected_version": null,
                 "data": {"name": "Vegan"}, "client_version": "2.4.1", "terminal": {"id": "pos-3"},
                 "operator_id": "admin", "operator_pin": "%s", "command_id": "c1"}""".formatted(PIN));

        assertThat(command.id()).isNull();
        assertThat(command.expectedVersion()).isNull();
    }

    @Test
    void aParsedBodyIsNotModified() throws Exception {
        JsonNode body = json(command("tag", "create", """
                "data": {"id": "vegan", "version": 2, "name": "Vegan"}"""));
        JsonNode before = body.deepCopy();

        ResourceCommand command = ResourceCommandReader.read(body);
        command.data().put("name", "changed");

        assertThat(body).isEqualTo(before);
    }

    // ----------------------------------------------------------------------------- refusals

    static Stream<Arguments> refusals() {
        return Stream.of(
                // resource
                arguments("no resource", command("\"action\": \"create\", \"data\": {}"),
                        "resource: must be one of product, category, tag, attribute, zone, dining_table, employee, "
                                + "role, price_rule, print_destination"),
                arguments("an unknown resource", command("products", "create", "\"data\": {}"), "resource"),
                arguments("a resource in upper case", command("PRODUCT", "create", "\"data\": {}"), "resource"),
                arguments("a resource as a number", command("\"resource\": 1, \"action\": \"create\", \"data\": {}"),
                        "resource"),
                // action
                arguments("no action", command("\"resource\": \"tag\", \"data\": {}"),
                        "action: must be one of create, update, delete"),
                arguments("an unknown action", command("tag", "remove", "\"id\": \"t\""), "action"),
                arguments("an action in upper case", command("tag", "CREATE", "\"data\": {}"), "action"),
                arguments("a past-tense action", command("tag", "created", "\"data\": {}"), "action"),
                // id
                arguments("an update without id", command("tag", "update", "\"data\": {}"),
                        "id: is required for update"),
                arguments("a delete without id", command("tag", "delete", ""), "id: is required for delete"),
                arguments("a delete with a null id", command("tag", "delete", "\"id\": null"),
                        "id: is required for delete"),
                arguments("an empty id", command("tag", "delete", "\"id\": \"\""),
                        "id: must be 1 to 64 characters of A-Z, a-z, 0-9, _ . : -"),
                arguments("an id of 65 characters", command("tag", "delete", "\"id\": \"" + "x".repeat(65) + "\""),
                        "id"),
                arguments("an id with a space", command("tag", "delete", "\"id\": \"a b\""), "id"),
                arguments("an id with a slash", command("tag", "delete", "\"id\": \"a/b\""), "id"),
                arguments("an id with an accent", command("tag", "delete", "\"id\": \"caf\u00e9\""), "id"),
                arguments("an id as a number", command("tag", "delete", "\"id\": 7"), "id"),
                arguments("an id on create that is not one", command("tag", "create", """
                        "id": "no good", "data": {"name": "x"}"""), "id"),
                // data
                arguments("a create without data", command("tag", "create", "\"id\": \"t\""),
                        "data: is required for create"),
                arguments("an update without data", command("tag", "update", "\"id\": \"t\""),
                        "data: is required for update"),
                arguments("null data", command("tag", "update", "\"id\": \"t\", \"data\": null"),
                        "data: is required for update"),
                arguments("data as an array", command("tag", "create", "\"data\": [{\"name\": \"x\"}]"),
                        "data: must be a JSON object"),
                arguments("data as a string", command("tag", "create", "\"data\": \"{}\""),
                        "data: must be a JSON object"),
                arguments("data.id unlike id", command("tag", "update", """
                        "id": "vegan", "data": {"id": "meat"}"""), "data.id: must be the same as id"),
                arguments("data.id that is not an id", command("tag", "create", """
                        "data": {"id": "no good", "name": "x"}"""),
                        "data.id: must be 1 to 64 characters of A-Z, a-z, 0-9, _ . : -"),
                arguments("data.id as a number", command("tag", "create", """
                        "data": {"id": 7, "name": "x"}"""), "data.id"),
                arguments("data.id null", command("tag", "create", """
                        "data": {"id": null, "name": "x"}"""), "data.id"),
                // expected_version
                arguments("a negative expected_version", command("tag", "delete", """
                        "id": "t", "expected_version": -1"""), "expected_version: must be a whole number of 0 or more"),
                arguments("a fractional expected_version", command("tag", "delete", """
                        "id": "t", "expected_version": 1.5"""), "expected_version"),
                arguments("a float expected_version", command("tag", "delete", """
                        "id": "t", "expected_version": 1.0"""), "expected_version"),
                arguments("an exponent expected_version", command("tag", "delete", """
                        "id": "t", "expected_version": 1e2"""), "expected_version"),
                arguments("expected_version as a string", command("tag", "delete", """
                        "id": "t", "expected_version": "3\""""), "expected_version"),
                arguments("expected_version as a boolean", command("tag", "delete", """
                        "id": "t", "expected_version": true"""), "expected_version"),
                arguments("expected_version too large", command("tag", "delete", """
                        "id": "t", "expected_version": 9223372036854775808"""), "expected_version"),
                // operator_id
                arguments("no operator_id", """
                        {"resource": "tag", "action": "delete", "id": "t", "operator_pin": "%s"}""".formatted(PIN),
                        "operator_id: is required"),
                arguments("a blank operator_id", """
                        {"resource": "tag", "action": "delete", "id": "t", "operator_id": " ",
                         "operator_pin": "%s"}""".formatted(PIN), "operator_id: is required"),
                arguments("operator_id as a number", """
                        {"resource": "tag", "action": "delete", "id": "t", "operator_id": 7,
                         "operator_pin": "%s"}""".formatted(PIN), "operator_id: must be a string"),
                arguments("an operator_id of 129 characters", """
                        {"resource": "tag", "action": "delete", "id": "t", "operator_id": "%s",
                         "operator_pin": "%s"}""".formatted("o".repeat(129), PIN),
                        "operator_id: must be at most 128 characters"),
                // operator_pin
                arguments("no operator_pin", """
                        {"resource": "tag", "action": "delete", "id": "t", "operator_id": "admin"}""",
                        "operator_pin: is required"),
                arguments("a null operator_pin", """
                        {"resource": "tag", "action": "delete", "id": "t", "operator_id": "admin",
                         "operator_pin": null}""", OPERATOR_PIN_RULE),
                arguments("an operator_pin of 3 digits", operatorPin("\"864\""), OPERATOR_PIN_RULE),
                arguments("an operator_pin of 9 digits", operatorPin("\"864209864\""), OPERATOR_PIN_RULE),
                arguments("an operator_pin with a letter", operatorPin("\"86420a\""), OPERATOR_PIN_RULE),
                arguments("an operator_pin with a space", operatorPin("\" 864209\""), OPERATOR_PIN_RULE),
                arguments("an operator_pin of Arabic-Indic digits", operatorPin("\"\u0668\u0666\u0664\u0662\""),
                        OPERATOR_PIN_RULE),
                arguments("an operator_pin of full-width digits", operatorPin("\"\uff18\uff16\uff14\uff12\""),
                        OPERATOR_PIN_RULE),
                arguments("an operator_pin as a number", operatorPin("864209"), OPERATOR_PIN_RULE),
                // a PIN in data, checked before the node hashes it
                arguments("an employee pin of 3 digits", employeePin("\"517\""), DATA_PIN_RULE),
                arguments("an employee pin of 9 digits", employeePin("\"517351735\""), DATA_PIN_RULE),
                arguments("an employee pin as a number", employeePin("5173"), DATA_PIN_RULE),
                arguments("an employee pin with a letter", employeePin("\"517x\""), DATA_PIN_RULE),
                arguments("an employee pin removed", command("employee", "update", """
                        "id": "e", "data": {"pin": null}"""), DATA_PIN_RULE),
                arguments("a null pin on a new employee", command("employee", "create", """
                        "id": "e", "data": {"name": "Zhang San", "role_id": "cashier", "pin": null}"""),
                        DATA_PIN_RULE),
                // not a JSON object
                arguments("malformed JSON", "{\"resource\": ", "body"),
                arguments("not JSON at all", "create product cola please", "body"),
                arguments("trailing content", command("tag", "delete", "\"id\": \"t\"") + " {}", "body"),
                arguments("an empty body", "", "body: must be a JSON object"),
                arguments("an array", "[" + command("tag", "delete", "\"id\": \"t\"") + "]",
                        "body: must be a JSON object"),
                arguments("a string", "\"create\"", "body: must be a JSON object"),
                arguments("null", "null", "body: must be a JSON object"),
                // duplicate keys, at the top and in data
                arguments("a duplicate action", command("tag", "delete", "\"id\": \"t\", \"action\": \"create\""),
                        "body"),
                arguments("a duplicate key in data", command("product", "create", """
                        "data": {"name": "Cola", "price": 1, "price": 100000}"""), "body"),
                arguments("a duplicate operator_pin",
                        command("tag", "delete", "\"id\": \"t\", \"operator_pin\": \"1111\""), "body"));
    }

    /** A delete whose {@code operator_pin} is the JSON value {@code pin}. */
    private static String operatorPin(String pin) {
        return """
                {"resource": "tag", "action": "delete", "id": "t", "operator_id": "admin",
                 "operator_pin": %s}""".formatted(pin);
    }

    /** An employee update whose {@code data.pin} is the JSON value {@code pin}. */
    private static String employeePin(String pin) {
        return command("employee", "update", "\"id\": \"e\", \"data\": {\"pin\": %s}".formatted(pin));
    }

    /**
     * Refused, naming the field; {@code expected} is the whole message when it has a colon, else the
     * field. The message never holds a PIN, given or malformed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void anInvalidCommandIsRefusedNamingTheField(String what, String json, String expected) {
        InvalidField refusal = refusal(json);

        if (expected.contains(":")) {
            assertThat(refusal.getMessage()).isEqualTo(expected);
        } else {
            assertThat(refusal.field()).as(refusal.getMessage()).isEqualTo(expected);
            assertThat(refusal.getMessage()).startsWith(expected + ": ");
        }
        assertThat(refusal.problem()).isNotBlank();
        assertThat(refusal.getMessage()).doesNotContain(PIN, NEW_PIN, "864", "517");
    }

    @Test
    void aBodyThatIsNotJsonIsAnsweredWithWhereNotWithWhat() {
        InvalidField broken = refusal("""
                {"resource": "tag", "action": "delete", "id": "t", "operator_id": "admin",
                 "operator_pin": %sx}""".formatted(PIN));
        InvalidField duplicate = refusal(command("tag", "delete", "\"id\": \"t\", \"id\": \"u\""));
        InvalidField trailing = refusal(command("tag", "delete", "\"id\": \"t\"") + " {\"operator_pin\": \"1\"}");

        assertThat(broken.getMessage()).startsWith("body: is not valid JSON (line 2, column").doesNotContain(PIN);
        assertThat(duplicate.getMessage()).startsWith("body: is not valid JSON: the key \"id\" appears twice");
        assertThat(trailing.getMessage()).startsWith("body: is not valid JSON: there is more after the object");
    }

    @Test
    void theRefusalsAreCheckedInTheOrderOfTheEnvelope() {
        assertThat(refusal("{}").field()).isEqualTo("resource");
        assertThat(refusal("{\"resource\": \"tag\"}").field()).isEqualTo("action");
        assertThat(refusal("{\"resource\": \"tag\", \"action\": \"update\"}").field()).isEqualTo("id");
        assertThat(refusal("{\"resource\": \"tag\", \"action\": \"update\", \"id\": \"t\"}").field())
                .isEqualTo("operator_id");
        assertThat(refusal("{\"resource\": \"tag\", \"action\": \"update\", \"id\": \"t\", \"operator_id\": \"a\"}")
                .field()).isEqualTo("operator_pin");
        assertThat(refusal(command("tag", "update", "\"id\": \"t\"")).field()).isEqualTo("data");
    }
}
