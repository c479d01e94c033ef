package com.redcoral.edge.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.redcoral.edge.order.CommandType;
import com.redcoral.edge.order.InvalidField;
import com.redcoral.edge.order.OrderCommand;
import com.redcoral.edge.order.OrderCommand.AddItems;
import com.redcoral.edge.order.OrderCommand.AddPayment;
import com.redcoral.edge.order.OrderCommand.CancelPayment;
import com.redcoral.edge.order.OrderCommand.CartItem;
import com.redcoral.edge.order.OrderCommand.CompleteOrder;
import com.redcoral.edge.order.OrderCommand.ItemChanges;
import com.redcoral.edge.order.OrderCommand.MergeOrders;
import com.redcoral.edge.order.OrderCommand.ModifyItem;
import com.redcoral.edge.order.OrderCommand.MoveOrder;
import com.redcoral.edge.order.OrderCommand.OpenTable;
import com.redcoral.edge.order.OrderCommand.RemoveItem;
import com.redcoral.edge.order.OrderCommand.SetSurchargeExempt;
import com.redcoral.edge.order.OrderCommand.SplitItem;
import com.redcoral.edge.order.OrderCommand.SplitOrder;
import com.redcoral.edge.order.OrderCommand.UpdateOrderInfo;
import com.redcoral.edge.order.OrderCommand.VoidOrder;
import com.redcoral.edge.order.Percent;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict reading of an OrderCommand (PROTOCOL.md §2): every command type reads into its
 * record, and whatever is missing, mistyped or out of range is refused with an {@link InvalidField}
 * naming the field by its path, as the INVALID_COMMAND reply will. Unknown keys are ignored.
 */
class CommandReaderTest {

    private static final String COMMAND_ID = "0b9c3c1e-4f0a-4c55-9a57-3f1d8d0c2a11";
    private static final String PIN = "864209";

    /** An OrderCommand of the protocol's shape around {@code payload}, with no approval. */
    private static String command(String type, String payload) {
        return """
                {"command_id": "%s", "timestamp": 1737270000000, "operator_id": "emp_01",
                 "operator_name": "Zhang San", "type": "%s", "payload": %s,
                 "authorizer_id": null, "authorizer_pin": null}""".formatted(COMMAND_ID, type, payload);
    }

    /** ADD_ITEMS of the one cart item {@code item}. */
    private static String addItem(String item) {
        return command("ADD_ITEMS", """
                {"order_id": "o1", "items": [%s]}""".formatted(item));
    }

    private static InvalidField refusal(String json) {
        InvalidField refusal = catchThrowableOfType(InvalidField.class, () -> CommandReader.read(json));
        assertThat(refusal).as("refused: %s", json).isNotNull();
        return refusal;
    }

    // ------------------------------------------------------------------------------ valid ones

    static Stream<Arguments> everyCommandType() {
        return Stream.of(
                arguments(CommandType.OPEN_TABLE, """
                        {"table_id": "t-12", "guest_count": 4, "note": "window seat"}""",
                        new OpenTable("t-12", null, null, 4, "window seat")),
                arguments(CommandType.ADD_ITEMS, """
                        {"order_id": "o1", "items": [
                          {"product_id": "cola", "quantity": 2},
                          {"product_id": "burger", "name": "Burger", "price": 1000, "quantity": 1,
                           "discount_percent": 12.5, "options": ["no onion", "extra cheese"],
                           "spec": "well done", "note": "nut allergy"}]}""",
                        new AddItems("o1", List.of(
                                new CartItem("cola", null, null, 2, null, null, null, null),
                                new CartItem("burger", "Burger", 1000L, 1, Percent.parse("12.5"),
                                        List.of("no onion", "extra cheese"), "well done", "nut allergy")))),
                arguments(CommandType.MODIFY_ITEM, """
                        {"order_id": "o1", "instance_id": "5d5cbd353c5e83d9", "affected_quantity": 2,
                         "changes": {"discount_percent": 50}}""",
                        new ModifyItem("o1", "5d5cbd353c5e83d9", 2, new ItemChanges(null, Percent.of(50), null, null,
                                null))),
                arguments(CommandType.REMOVE_ITEM, """
                        {"order_id": "o1", "instance_id": "5d5cbd353c5e83d9", "quantity": 1, "reason": "sent back"}""",
                        new RemoveItem("o1", "5d5cbd353c5e83d9", 1, "sent back")),
                arguments(CommandType.ADD_PAYMENT, """
                        {"order_id": "o1", "method": "cash", "amount": 1500, "tendered": 2000}""",
                        new AddPayment("o1", "cash", 1500L, 2000L, null)),
                arguments(CommandType.CANCEL_PAYMENT, """
                        {"order_id": "o1", "payment_id": "p1", "reason": "wrong amount keyed"}""",
                        new CancelPayment("o1", "p1", "wrong amount keyed")),
                arguments(CommandType.SPLIT_ORDER, """
                        {"order_id": "o1", "split_amount": 330, "payment_method": "card",
                         "items": [{"instance_id": "5d5cbd353c5e83d9", "quantity": 1}]}""",
                        new SplitOrder("o1", 330L, "card", List.of(new SplitItem("5d5cbd353c5e83d9", 1)))),
                arguments(CommandType.MOVE_ORDER, """
                        {"order_id": "o1", "target_table_id": "t-3", "target_table_name": "Terrace 3"}""",
                        new MoveOrder("o1", "t-3", "Terrace 3")),
                arguments(CommandType.MERGE_ORDERS, """
                        {"source_order_id": "o2", "target_order_id": "o1"}""",
                        new MergeOrders("o2", "o1")),
                arguments(CommandType.SET_SURCHARGE_EXEMPT, """
                        {"order_id": "o1", "exempt": true}""",
                        new SetSurchargeExempt("o1", true)),
                arguments(CommandType.UPDATE_ORDER_INFO, """
                        {"order_id": "o1", "guest_count": 5}""",
                        new UpdateOrderInfo("o1", 5, null, null)),
                arguments(CommandType.COMPLETE_ORDER, """
                        {"order_id": "o1", "receipt_number": "R-2025-000123"}""",
                        new CompleteOrder("o1", "R-2025-000123")),
                arguments(CommandType.VOID_ORDER, """
                        {"order_id": "o1", "reason": "guest left"}""",
                        new VoidOrder("o1", "guest left")));
    }

    @ParameterizedTest
    @MethodSource("everyCommandType")
    void aValidCommandOfEachTypeReadsIntoItsRecord(CommandType type, String payload, OrderCommand expected) {
        CommandEnvelope envelope = CommandReader.read(command(type.name(), payload));

        assertThat(envelope).isEqualTo(new CommandEnvelope(COMMAND_ID, 1_737_270_000_000L, "emp_01", "Zhang San",
                type, expected, null, null));
        assertThat(CommandType.of(envelope.payload())).isEqualTo(type);
    }

    @Test
    void theValidExamplesCoverEveryCommandType() {
        Set<CommandType> covered = EnumSet.noneOf(CommandType.class);
        everyCommandType().forEach(args -> covered.add((CommandType) args.get()[0]));
        assertThat(covered).containsExactlyInAnyOrder(CommandType.values());
    }

    @Test
    void aCounterOrderNeedsNoPayloadFields() {
        assertThat(CommandReader.read(command("OPEN_TABLE", "{}")).payload())
                .isEqualTo(new OpenTable(null, null, null, null, null));
    }

    @Test
    void optionalFieldsMayBeNullOrAbsent() {
        CommandEnvelope envelope = CommandReader.read("""
                {"command_id": "c1", "timestamp": 0, "operator_id": "emp_01", "type": "REMOVE_ITEM",
                 "payload": {"order_id": "o1", "instance_id": "abc", "quantity": null}}""");

        assertThat(envelope.operatorName()).isNull();
        assertThat(envelope.authorizerId()).isNull();
        assertThat(envelope.payload()).isEqualTo(new RemoveItem("o1", "abc", null, null));
    }

    @Test
    void unknownKeysAreIgnoredAtEveryLevel() {
        CommandEnvelope envelope = CommandReader.read("""
                {"command_id": "c1", "timestamp": 1, "operator_id": "emp_01", "type": "ADD_ITEMS",
                 "client_version": "2.4.1", "terminal": {"id": "pos-3", "screen": [1, 2]},
                 "payload": {"order_id": "o1", "priority": 7, "future": {"x": null},
                   "items": [{"product_id": "cola", "quantity": 1, "colour": "red", "tags": ["a"]}]}}""");

        assertThat(envelope.payload()).isEqualTo(new AddItems("o1", List.of(
                new CartItem("cola", null, null, 1, null, null, null, null))));
        assertThat(CommandReader.read(command("MODIFY_ITEM", """
                {"order_id": "o1", "instance_id": "abc", "changes": {"note": "no salt", "glitter": true}}""")).payload())
                .isEqualTo(new ModifyItem("o1", "abc", null, new ItemChanges(null, null, null, null, "no salt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7.25", "12.50", "100", "100.00", "1e1"})
    void aPercentageFrom0To100WithAtMostTwoDecimalsIsRead(String percent) {
        CommandEnvelope envelope = CommandReader.read(addItem("""
                {"product_id": "cola", "quantity": 1, "discount_percent": %s}""".formatted(percent)));

        CartItem item = ((AddItems) envelope.payload()).items().getFirst();
        assertThat(item.discountPercent()).isEqualTo(Percent.parse(percent));
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        assertThat(CommandReader.read(addItem("""
                {"product_id": "cola", "quantity": 9999, "price": 1000000000}""")).payload())
                .isEqualTo(new AddItems("o1", List.of(new CartItem("cola", null, 1_000_000_000L, 9_999, null,
                        null, null, null))));
        assertThat(CommandReader.read(addItem("""
                {"product_id": "cola", "quantity": 1, "price": 0}""")).payload())
                .isEqualTo(new AddItems("o1", List.of(new CartItem("cola", null, 0L, 1, null, null, null, null))));
    }

    // ------------------------------------------------------------------------------ approvals

    @Test
    void anApprovalIsReadButItsPinNeverShown() {
        String json = """
                {"command_id": "c1", "timestamp": 1737270000000, "operator_id": "emp_01",
                 "operator_name": "Zhang San", "type": "VOID_ORDER",
                 "payload": {"order_id": "o1", "reason": "guest left"},
                 "authorizer_id": "mgr_01", "authorizer_pin": "%s"}""".formatted(PIN);

        CommandEnvelope envelope = CommandReader.read(json);

        assertThat(envelope.authorizerId()).isEqualTo("mgr_01");
        assertThat(envelope.authorizerPin()).isEqualTo(PIN);
        assertThat(envelope.toString()).doesNotContain(PIN).contains("mgr_01", "VOID_ORDER", "c1");
    }

    @Test
    void aRefusalNeverEchoesThePin() {
        InvalidField refusal = refusal("""
                {"command_id": "c1", "timestamp": 1, "operator_id": "emp_01", "type": "ADD_ITEMS",
                 "payload": {"order_id": "o1", "items": [{"product_id": "cola", "quantity": 0}]},
                 "authorizer_id": "mgr_01", "authorizer_pin": "%s"}""".formatted(PIN));

        assertThat(refusal.field()).isEqualTo("payload.items[0].quantity");
        assertThat(refusal.getMessage()).doesNotContain(PIN);
        assertThat(refusal("""
                {"command_id": "c1", "timestamp": 1, "operator_id": "emp_01", "type": "ADD_ITEM",
                 "payload": {}, "authorizer_id": "mgr_01", "authorizer_pin": "%s"}""".formatted(PIN)).getMessage())
                .doesNotContain(PIN);
    }

    @Test
    void aPinWithoutAnAuthorizerIsRefused() {
        InvalidField refusal = refusal("""
                {"command_id": "c1", "timestamp": 1, "operator_id": "emp_01", "type": "VOID_ORDER",
                 "payload": {"order_id": "o1", "reason": "guest left"}, "authorizer_pin": "%s"}""".formatted(PIN));

        assertThat(refusal.field()).isEqualTo("authorizer_id");
        assertThat(refusal.getMessage()).doesNotContain(PIN);
    }

    // ----------------------------------------------------------------------------- refusals

    static Stream<Arguments> refusals() {
        return Stream.of(
                // wrong types
                arguments("quantity as a string", addItem("""
                        {"product_id": "cola", "quantity": "2"}"""), "payload.items[0].quantity"),
                arguments("quantity as a boolean", addItem("""
                        {"product_id": "cola", "quantity": true}"""), "payload.items[0].quantity"),
                arguments("order_id as a number", command("ADD_PAYMENT", """
                        {"order_id": 42, "method": "cash", "amount": 100}"""), "payload.order_id"),
                arguments("method as a number", command("ADD_PAYMENT", """
                        {"order_id": "o1", "method": 1, "amount": 100}"""), "payload.method"),
                arguments("product_id as a number", addItem("""
                        {"product_id": 7, "quantity": 1}"""), "payload.items[0].product_id"),
                arguments("exempt as a string", command("SET_SURCHARGE_EXEMPT", """
                        {"order_id": "o1", "exempt": "true"}"""), "payload.exempt"),
                arguments("exempt as a number", command("SET_SURCHARGE_EXEMPT", """
                        {"order_id": "o1", "exempt": 1}"""), "payload.exempt"),
                arguments("amount as a string", command("ADD_PAYMENT", """
                        {"order_id": "o1", "method": "cash", "amount": "100"}"""), "payload.amount"),
                arguments("discount as a string", addItem("""
                        {"product_id": "cola", "quantity": 1, "discount_percent": "50"}"""),
                        "payload.items[0].discount_percent"),
                arguments("options as a string", addItem("""
                        {"product_id": "cola", "quantity": 1, "options": "no ice"}"""), "payload.items[0].options"),
                arguments("an option as a number", addItem("""
                        {"product_id": "cola", "quantity": 1, "options": ["no ice", 3]}"""),
                        "payload.items[0].options[1]"),
                arguments("items as an object", command("ADD_ITEMS", """
                        {"order_id": "o1", "items": {"product_id": "cola", "quantity": 1}}"""), "payload.items"),
                arguments("an item as a string", command("ADD_ITEMS", """
                        {"order_id": "o1", "items": ["cola"]}"""), "payload.items[0]"),
                arguments("changes as a string", command("MODIFY_ITEM", """
                        {"order_id": "o1", "instance_id": "abc", "changes": "half price"}"""), "payload.changes"),
                arguments("guest_count as a string", command("UPDATE_ORDER_INFO", """
                        {"order_id": "o1", "guest_count": "4"}"""), "payload.guest_count"),
                arguments("command_id as a number", """
                        {"command_id": 1, "timestamp": 1, "operator_id": "e", "type": "OPEN_TABLE", "payload": {}}""",
                        "command_id"),
                arguments("operator_id as a number", """
                        {"command_id": "c", "timestamp": 1, "operator_id": 7, "type": "OPEN_TABLE", "payload": {}}""",
                        "operator_id"),
                arguments("type as a number", """
                        {"command_id": "c", "timestamp": 1, "operator_id": "e", "type": 2, "payload": {}}""", "type"),
                arguments("timestamp as a string", """
                        {"command_id": "c", "timestamp": "1737270000000", "operator_id": "e", "type": "OPEN_TABLE",
                         "payload": {}}""", "timestamp"),
                arguments("authorizer_pin as a number", """
                        {"command_id": "c", "timestamp": 1, "operator_id": "e", "type": "OPEN_TABLE", "payload": {},
                         "authorizer_id": "mgr_01", "authorizer_pin": 864209}""", "authorizer_pin"),
                arguments("payload as an array", """
                        {"command_id": "c", "timestamp": 1, "operator_id": "e", "type": "OPEN_TABLE",
                         "payload": []}""", "payload"),
                arguments("payload as a string", """
                        {"command_id": "c", "timestamp": 1, "operator_id": "e", "type": "OPEN_TABLE",
                         "payload": "{}"}""", "payload"),
                // money is never a float
                arguments("price 3.5", addItem("""
                        {"product_id": "cola", "quantity": 1, "price": 3.5}"""), "payload.items[0].price"),
                arguments("price 300.0", addItem("""
                        {"product_id": "cola", "quantity": 1, "price": 300.0}"""), "payload.items[0].price"),
                arguments("price 3e2", addItem("""
                        {"product_id": "cola", "quantity": 1, "price": 3e2}"""), "payload.items[0].price"),
                arguments("amount 100.0", command("ADD_PAYMENT", """
                        {"order_id": "o1", "method": "cash", "amount": 100.0}"""), "payload.amount"),
                arguments("tendered 2000.5", command("ADD_PAYMENT", """
                        {"order_id": "o1", "method": "cash", "amount": 100, "tendered": 2000.5}"""),
                        "payload.tendered"),
                arguments("split_amount 3.3", command("SPLIT_ORDER", """
                        {"order_id": "o1", "split_amount": 3.3, "payment_method": "card"}"""), "payload.split_amount"),
                arguments("a changed price 2.5", command("MODIFY_ITEM", """
                        {"order_id": "o1", "instance_id": "abc", "changes": {"price": 2.5}}"""), "payload.changes.price"),
                arguments("timestamp 1.5", """
                        {"command_id": "c", "timestamp": 1.5, "operator_id": "e", "type": "OPEN_TABLE",
                         "payload": {}}""", "timestamp"),
                // money out of range
                arguments("amount 0", command("ADD_PAYMENT", """
                        {"order_id": "o1", "method": "cash", "amount": 0}"""), "payload.amount"),
                arguments("amount -500", command("ADD_PAYMENT", """
                        {"order_id": "o1", "method": "cash", "amount": -500}"""), "payload.amount"),
                arguments("amount above 10 000 000.00", command("ADD_PAYMENT", """
                        {"order_id": "o1", "method": "cash", "amount": 1000000001}"""), "payload.amount"),
                arguments("amount beyond a long", command("ADD_PAYMENT", """
                        {"order_id": "o1", "method": "cash", "amount": 99999999999999999999}"""), "payload.amount"),
                arguments("price -1", addItem("""
                        {"product_id": "cola", "quantity": 1, "price": -1}"""), "payload.items[0].price"),
                arguments("tendered below the amount", command("ADD_PAYMENT", """
                        {"order_id": "o1", "method": "cash", "amount": 1500, "tendered": 1000}"""),
                        "payload.tendered"),
                arguments("split_amount 0", command("SPLIT_ORDER", """
                        {"order_id": "o1", "split_amount": 0, "payment_method": "card"}"""), "payload.split_amount"),
                // quantities are positive integers, within limits
                arguments("quantity 0", addItem("""
                        {"product_id": "cola", "quantity": 0}"""), "payload.items[0].quantity"),
                arguments("quantity -1", addItem("""
                        {"product_id": "cola", "quantity": -1}"""), "payload.items[0].quantity"),
                arguments("quantity 10000", addItem("""
                        {"product_id": "cola", "quantity": 10000}"""), "payload.items[0].quantity"),
                arguments("quantity 1e30", addItem("""
                        {"product_id": "cola", "quantity": 1e30}"""), "payload.items[0].quantity"),
                arguments("quantity 2.0", addItem("""
                        {"product_id": "cola", "quantity": 2.0}"""), "payload.items[0].quantity"),
                arguments("quantity beyond an int", addItem("""
                        {"product_id": "cola", "quantity": 10000000000}"""), "payload.items[0].quantity"),
                arguments("quantity of the second item", command("ADD_ITEMS", """
                        {"order_id": "o1", "items": [{"product_id": "cola", "quantity": 1},
                                                     {"product_id": "tea", "quantity": 0}]}"""),
                        "payload.items[1].quantity"),
                arguments("affected_quantity 0", command("MODIFY_ITEM", """
                        {"order_id": "o1", "instance_id": "abc", "affected_quantity": 0,
                         "changes": {"note": "x"}}"""), "payload.affected_quantity"),
                arguments("quantity to remove -1", command("REMOVE_ITEM", """
                        {"order_id": "o1", "instance_id": "abc", "quantity": -1}"""), "payload.quantity"),
                arguments("split quantity 0", command("SPLIT_ORDER", """
                        {"order_id": "o1", "split_amount": 300, "payment_method": "card",
                         "items": [{"instance_id": "abc", "quantity": 0}]}"""), "payload.items[0].quantity"),
                arguments("guest_count -1", command("OPEN_TABLE", """
                        {"table_id": "t-1", "guest_count": -1}"""), "payload.guest_count"),
                arguments("guest_count 1000", command("UPDATE_ORDER_INFO", """
                        {"order_id": "o1", "guest_count": 1000}"""), "payload.guest_count"),
                // percentages: 0 to 100, at most two decimals
                arguments("discount 100.01", addItem("""
                        {"product_id": "cola", "quantity": 1, "discount_percent": 100.01}"""),
                        "payload.items[0].discount_percent"),
                arguments("discount 101", addItem("""
                        {"product_id": "cola", "quantity": 1, "discount_percent": 101}"""),
                        "payload.items[0].discount_percent"),
                arguments("discount -0.5", addItem("""
                        {"product_id": "cola", "quantity": 1, "discount_percent": -0.5}"""),
                        "payload.items[0].discount_percent"),
                arguments("discount 12.345", addItem("""
                        {"product_id": "cola", "quantity": 1, "discount_percent": 12.345}"""),
                        "payload.items[0].discount_percent"),
                arguments("discount 1e3", addItem("""
                        {"product_id": "cola", "quantity": 1, "discount_percent": 1e3}"""),
                        "payload.items[0].discount_percent"),
                arguments("a changed discount 33.333", command("MODIFY_ITEM", """
                        {"order_id": "o1", "instance_id": "abc", "changes": {"discount_percent": 33.333}}"""),
                        "payload.changes.discount_percent"),
                // required fields
                arguments("no command_id", """
                        {"timestamp": 1, "operator_id": "e", "type": "OPEN_TABLE", "payload": {}}""", "command_id"),
                arguments("a blank command_id", """
                        {"command_id": "  ", "timestamp": 1, "operator_id": "e", "type": "OPEN_TABLE",
                         "payload": {}}""", "command_id"),
                arguments("a null command_id", """
                        {"command_id": null, "timestamp": 1, "operator_id": "e", "type": "OPEN_TABLE",
                         "payload": {}}""", "command_id"),
                arguments("no operator_id", """
                        {"command_id": "c", "timestamp": 1, "type": "OPEN_TABLE", "payload": {}}""", "operator_id"),
                arguments("no type", """
                        {"command_id": "c", "timestamp": 1, "operator_id": "e", "payload": {}}""", "type"),
                arguments("no timestamp", """
                        {"command_id": "c", "operator_id": "e", "type": "OPEN_TABLE", "payload": {}}""", "timestamp"),
                arguments("no payload", """
                        {"command_id": "c", "timestamp": 1, "operator_id": "e", "type": "OPEN_TABLE"}""", "payload"),
                arguments("a null payload", """
                        {"command_id": "c", "timestamp": 1, "operator_id": "e", "type": "OPEN_TABLE",
                         "payload": null}""", "payload"),
                arguments("no order_id", command("ADD_ITEMS", """
                        {"items": [{"product_id": "cola", "quantity": 1}]}"""), "payload.order_id"),
                arguments("a blank order_id", command("VOID_ORDER", """
                        {"order_id": " ", "reason": "guest left"}"""), "payload.order_id"),
                arguments("no items", command("ADD_ITEMS", """
                        {"order_id": "o1"}"""), "payload.items"),
                arguments("empty items", command("ADD_ITEMS", """
                        {"order_id": "o1", "items": []}"""), "payload.items"),
                arguments("a null item", command("ADD_ITEMS", """
                        {"order_id": "o1", "items": [null]}"""), "payload.items"),
                arguments("no product_id", addItem("""
                        {"quantity": 1}"""), "payload.items[0].product_id"),
                arguments("no quantity", addItem("""
                        {"product_id": "cola"}"""), "payload.items[0].quantity"),
                arguments("a blank option", addItem("""
                        {"product_id": "cola", "quantity": 1, "options": ["no ice", " "]}"""),
                        "payload.items[0].options[1]"),
                arguments("no instance_id", command("REMOVE_ITEM", """
                        {"order_id": "o1"}"""), "payload.instance_id"),
                arguments("no changes", command("MODIFY_ITEM", """
                        {"order_id": "o1", "instance_id": "abc"}"""), "payload.changes"),
                arguments("empty changes", command("MODIFY_ITEM", """
                        {"order_id": "o1", "instance_id": "abc", "changes": {}}"""), "payload.changes"),
                arguments("no amount", command("ADD_PAYMENT", """
                        {"order_id": "o1", "method": "cash"}"""), "payload.amount"),
                arguments("no method", command("ADD_PAYMENT", """
                        {"order_id": "o1", "amount": 100}"""), "payload.method"),
                arguments("no payment_id", command("CANCEL_PAYMENT", """
                        {"order_id": "o1", "reason": "x"}"""), "payload.payment_id"),
                arguments("no cancel reason", command("CANCEL_PAYMENT", """
                        {"order_id": "o1", "payment_id": "p1"}"""), "payload.reason"),
                arguments("no split instance_id", command("SPLIT_ORDER", """
                        {"order_id": "o1", "split_amount": 300, "payment_method": "card",
                         "items": [{"quantity": 1}]}"""), "payload.items[0].instance_id"),
                arguments("no payment_method", command("SPLIT_ORDER", """
                        {"order_id": "o1", "split_amount": 300}"""), "payload.payment_method"),
                arguments("no target_table_id", command("MOVE_ORDER", """
                        {"order_id": "o1"}"""), "payload.target_table_id"),
                arguments("no source_order_id", command("MERGE_ORDERS", """
                        {"target_order_id": "o1"}"""), "payload.source_order_id"),
                arguments("no exempt", command("SET_SURCHARGE_EXEMPT", """
                        {"order_id": "o1"}"""), "payload.exempt"),
                arguments("order info without a change", command("UPDATE_ORDER_INFO", """
                        {"order_id": "o1"}"""), "payload"),
                arguments("no receipt_number", command("COMPLETE_ORDER", """
                        {"order_id": "o1"}"""), "payload.receipt_number"),
                arguments("no void reason", command("VOID_ORDER", """
                        {"order_id": "o1"}"""), "payload.reason"),
                // unknown type
                arguments("type ADD_ITEM", command("ADD_ITEM", "{}"), "type"),
                arguments("type in lower case", command("add_items", "{}"), "type"),
                arguments("an empty type", command("", "{}"), "type"),
                // not a JSON object
                arguments("malformed JSON", "{\"command_id\": ", "body"),
                arguments("a missing value", "{\"command_id\": , \"type\": \"OPEN_TABLE\"}", "body"),
                arguments("not JSON at all", "open table 12 please", "body"),
                arguments("trailing content", command("OPEN_TABLE", "{}") + " {}", "body"),
                arguments("an empty body", "", "body"),
                arguments("an array", "[" + command("OPEN_TABLE", "{}") + "]", "body"),
                arguments("a string", "\"OPEN_TABLE\"", "body"),
                arguments("a number", "42", "body"),
                arguments("null", "null", "body"),
                // duplicate keys, at the top and deep down
                arguments("a duplicate command_id", """
                        {"command_id": "c1", "command_id": "c2", "timestamp": 1, "operator_id": "e",
                         "type": "OPEN_TABLE", "payload": {}}""", "body"),
                arguments("a duplicate amount", command("ADD_PAYMENT", """
                        {"order_id": "o1", "method": "cash", "amount": 100, "amount": 100000}"""), "body"),
                arguments("a duplicate quantity in an item", addItem("""
                        {"product_id": "cola", "quantity": 1, "quantity": 9}"""), "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void anInvalidCommandIsRefusedNamingTheField(String what, String json, String field) {
        InvalidField refusal = refusal(json);

        assertThat(refusal.field()).as(refusal.getMessage()).isEqualTo(field);
        assertThat(refusal.getMessage()).startsWith(field + ": ");
        assertThat(refusal.problem()).isNotBlank();
    }

    @Test
    void theRefusalSaysWhatWasExpected() {
        assertThat(refusal(addItem("""
                {"product_id": "cola", "quantity": 0}""")).getMessage())
                .isEqualTo("payload.items[0].quantity: must be a whole number from 1 to 9999, was 0");
        assertThat(refusal(addItem("""
                {"product_id": "cola", "quantity": 1, "price": 3.5}""")).problem())
                .contains("whole number");
        assertThat(refusal(command("ADD_ITEM", "{}")).problem()).contains("ADD_ITEM", "ADD_ITEMS");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithoutQuotingIt() {
        InvalidField refusal = refusal("""
                {"command_id": "c1", "timestamp": 1, "operator_id": "e", "type": "VOID_ORDER",
                 "authorizer_id": "mgr_01", "authorizer_pin": pin864209, "payload": {}}""");
        assertThat(refusal.getMessage()).startsWith("body: is not valid JSON (line 2, column")
                .doesNotContain("864209");
    }

    @Test
    void everyCommandTypeIsKnownByItsWireName() {
        assertThat(Stream.of(CommandType.values()).map(t -> CommandType.named(t.name())))
                .allSatisfy(named -> assertThat(named).isPresent());
        assertThat(List.of(CommandType.values())).hasSize(13);
    }
}
