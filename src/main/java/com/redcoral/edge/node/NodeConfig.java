package com.redcoral.edge.node;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.kitchen.KitchenPolicy;
import com.redcoral.edge.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The node's settings, read once at start. The shipped {@code conf/edge.json} (bundled in the jar)
 * gives every default; a file given with {@code --config} overrides only the keys it names. An
 * unknown key or a value of the wrong type is refused, naming the key, so a typo never passes
 * silently.
 *
 * @param dataDir   where the RocksDB ledger lives
 * @param http      the loopback listener (plain HTTP) of the bridge, health and HTTP API, for same-machine
 *                  terminals, which get its {@code role}
 * @param tls       the network listener: TLS only, terminals known by client certificate or token
 * @param bridge    limits of the event-bus bridge
 * @param sync      how far back an incremental sync reaches
 * @param resources how far back the resource change log reaches
 * @param pins      how wrong PINs are throttled
 * @param kitchen   how long a bumped kitchen ticket can be recalled, and how long tickets are kept
 * @param storeSeed what a new store starts with besides the admin: null for nothing, {@value #DEMO_SEED}
 *                  for the bundled development café, or a seed file's path
 */
public record NodeConfig(Path dataDir, Http http, Tls tls, Bridge bridge, Sync sync, Resources resources,
                         Pins pins, Kitchen kitchen, String storeSeed) {

    /** The {@code store_seed} value naming the bundled development café. */
    public static final String DEMO_SEED = "demo";

    private static final String BUNDLED = "/conf/edge.json";

    /** @param role what a terminal on this listener may do: {@code admin} or {@code terminal} */
    public record Http(String host, int port, String role) {
        public Http {
            require(host != null && !host.isBlank(), "http.host is required");
            require(port >= 0 && port <= 65535, "http.port must be from 0 to 65535 (0 picks a free port)");
            require("admin".equals(role) || "terminal".equals(role), "http.role must be admin or terminal");
        }
    }

    /**
     * @param enabled        whether the node listens on the network at all
     * @param certsDir       the store CA, the node's certificate and key; made for development on a first start
     * @param allowedOrigins web origins (besides the listener's own) whose pages may open the bridge
     */
    public record Tls(boolean enabled, String host, int port, Path certsDir, java.util.List<String> allowedOrigins) {
        public Tls {
            require(host != null && !host.isBlank(), "tls.host is required");
            require(port >= 0 && port <= 65535, "tls.port must be from 0 to 65535 (0 picks a free port)");
            require(certsDir != null, "tls.certs_dir is required");
            allowedOrigins = allowedOrigins == null ? java.util.List.of() : java.util.List.copyOf(allowedOrigins);
        }
    }

    public record Bridge(int maxFrameBytes, long replyTimeoutMs, long pingTimeoutMs, int maxHandlersPerSocket,
                         int maxConnectionsPerIdentity) {
        public Bridge {
            require(maxFrameBytes >= 1024, "bridge.max_frame_bytes must be at least 1024");
            require(replyTimeoutMs > 0, "bridge.reply_timeout_ms must be positive");
            require(pingTimeoutMs > 0, "bridge.ping_timeout_ms must be positive");
            require(maxHandlersPerSocket > 0, "bridge.max_handlers_per_socket must be positive");
            require(maxConnectionsPerIdentity > 0, "bridge.max_connections_per_identity must be positive");
        }
    }

    /**
     * @param recallWindowMs     how long after its bump a kitchen ticket can be recalled (and is kept)
     * @param openTicketMaxAgeMs how long an open kitchen ticket nobody bumped is kept after it was rung up
     */
    public record Kitchen(long recallWindowMs, long openTicketMaxAgeMs) {
        public Kitchen {
            require(recallWindowMs >= 1_000 && recallWindowMs <= 86_400_000,
                    "kitchen.recall_window_ms must be from 1000 to 86400000");
            require(openTicketMaxAgeMs >= 60_000 && openTicketMaxAgeMs <= 604_800_000,
                    "kitchen.open_ticket_max_age_ms must be from 60000 to 604800000");
        }

        public KitchenPolicy policy() {
            return new KitchenPolicy(recallWindowMs, openTicketMaxAgeMs);
        }
    }

    /** @param gapLimit the most events an incremental sync returns; beyond it a terminal resyncs fully */
    public record Sync(int gapLimit) {
        public Sync {
            require(gapLimit > 0 && gapLimit <= 100_000, "sync.gap_limit must be from 1 to 100000");
        }
    }

    /** @param changesKept how many changes of each resource type a terminal can catch up on */
    public record Resources(int changesKept) {
        public Resources {
            require(changesKept >= 1 && changesKept <= 1_000_000, "resources.changes_kept must be from 1 to 1000000");
        }
    }

    /** @param maxFailures wrong PINs in a row before an employee's PIN is locked; lockoutMs for how long at first */
    public record Pins(int maxFailures, long lockoutMs) {
        public Pins {
            require(maxFailures >= 1 && maxFailures <= 100, "pins.max_failures must be from 1 to 100");
            require(lockoutMs >= 1 && lockoutMs <= 86_400_000, "pins.lockout_ms must be from 1 to 86400000");
        }
    }

    public NodeConfig {
        require(dataDir != null, "data_dir is required");
        require(http != null && tls != null && bridge != null && sync != null && resources != null && pins != null
                && kitchen != null, "http, tls, bridge, sync, resources, pins and kitchen are required");
        require(storeSeed == null || !storeSeed.isBlank(), "store_seed must be null, \"demo\" or a file's path");
    }

    /** The bundled defaults. */
    public static NodeConfig defaults() {
        return from(bundled());
    }

    /** The defaults overridden by the keys of {@code file}. */
    public static NodeConfig read(Path file) {
        ObjectNode settings = bundled();
        try {
            merge(settings, Json.MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
        return from(settings);
    }

    public NodeConfig withDataDir(Path dir) {
        return new NodeConfig(dir, http, tls, bridge, sync, resources, pins, kitchen, storeSeed);
    }

    public NodeConfig withHttpPort(int port) {
        return new NodeConfig(dataDir, new Http(http.host(), port, http.role()), tls, bridge, sync, resources, pins,
                kitchen, storeSeed);
    }

    public NodeConfig withTls(Tls settings) {
        return new NodeConfig(dataDir, http, settings, bridge, sync, resources, pins, kitchen, storeSeed);
    }

    public NodeConfig withStoreSeed(String seed) {
        return new NodeConfig(dataDir, http, tls, bridge, sync, resources, pins, kitchen, seed);
    }

    private static NodeConfig from(ObjectNode settings) {
        try {
            return Json.MAPPER.readerFor(NodeConfig.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(settings);
        } catch (JsonMappingException e) {
            String key = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                    .filter(java.util.Objects::nonNull).collect(Collectors.joining("."));
            throw new IllegalArgumentException("settings: " + (key.isEmpty() ? "" : key + ": ")
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("settings: " + e.getMessage(), e);
        }
    }

    private static ObjectNode bundled() {
        try (InputStream in = NodeConfig.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + BUNDLED + " is missing from the build");
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deep merge: objects key by key, anything else replaced. */
    private static void merge(ObjectNode into, JsonNode from) {
        if (!from.isObject()) {
            throw new IllegalArgumentException("the settings file must hold a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (into.get(e.getKey()) instanceof ObjectNode inner && e.getValue().isObject()) {
                merge(inner, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
