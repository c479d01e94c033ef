package com.redcoral.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The browser's order and resource mirrors (src/main/web/assets/js/orders.js, resources.js), rule by rule against a
 * scripted node: src/test/js/mirrors.test.mjs under Node's own test runner. Gaps, full syncs, events kept during a
 * sync, epochs — what a real browser rarely shows on cue.
 */
class MirrorScriptTest {

    @Test
    void theMirrorsFollowTheRulesOfDocsPos() throws Exception {
        Process process = new ProcessBuilder("node", "--test", "--test-reporter=tap", "mirrors.test.mjs")
                .directory(Path.of("src/test/js").toFile()).redirectErrorStream(true).start();
        try {
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ended).as("node --test mirrors.test.mjs ended within 60 s").isTrue();
            assertThat(process.exitValue()).as("node --test mirrors.test.mjs:\n%s", out).isZero();
            assertThat(out).contains("# fail 0").containsPattern("# pass [1-9]");
        } finally {
            process.destroyForcibly();
        }
    }
}
