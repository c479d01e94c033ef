package com.redcoral.edge.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.wire.Json;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON merge patch as RFC 7386 defines it: the examples of its appendix A whose target and patch are objects. */
class MergePatchTest {

    private static ObjectNode json(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static Stream<Arguments> rfc7386() {
        return Stream.of(
                arguments("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
                arguments("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
                arguments("{\"a\":\"b\"}", "{\"a\":null}", "{}"),
                arguments("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"),
                arguments("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
                arguments("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
                arguments("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"),
                arguments("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"),
                arguments("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"),
                arguments("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"),
                arguments("{\"a\":\"foo\"}", "{}", "{\"a\":\"foo\"}"));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @MethodSource("rfc7386")
    void appliesAsTheRfcSays(String target, String patch, String result) {
        assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(result));
    }

    @Test
    void modifiesNeitherSideAndSharesNothingWithThem() {
        ObjectNode target = json("{\"a\":{\"b\":1},\"keep\":[1,2]}");
        ObjectNode patch = json("{\"a\":{\"c\":{\"d\":2}},\"keep\":null,\"n\":[3]}");
        ObjectNode targetBefore = target.deepCopy();
        ObjectNode patchBefore = patch.deepCopy();

        ObjectNode result = MergePatch.apply(target, patch);
        ((ObjectNode) result.get("a").get("c")).put("d", 99);
        result.withArray("n").add(4);

        assertThat(target).isEqualTo(targetBefore);
        assertThat(patch).isEqualTo(patchBefore);
    }
}
