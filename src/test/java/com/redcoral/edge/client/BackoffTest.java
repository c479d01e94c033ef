package com.redcoral.edge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), 0.5);
    /** The largest number {@link Random#nextDouble()} can give. */
    private static final double ALMOST_ONE = Math.nextDown(1.0);

    @Test
    void theCeilingDoublesFromInitialUntilItReachesMaxAndStaysThere() {
        assertThat(BACKOFF.ceiling(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(BACKOFF.ceiling(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(BACKOFF.ceiling(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(BACKOFF.ceiling(6)).isEqualTo(Duration.ofSeconds(16));
        assertThat(BACKOFF.ceiling(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(BACKOFF.ceiling(Integer.MAX_VALUE)).as("no overflow, however long the node is away")
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterTakesOffAtMostItsShareOfTheCeiling() {
        for (int n = 0; n < 12; n++) {
            Duration ceiling = BACKOFF.ceiling(n);
            assertThat(BACKOFF.delay(n, () -> 0.0)).as("no luck at all: the ceiling").isEqualTo(ceiling);
            assertThat(BACKOFF.delay(n, () -> ALMOST_ONE)).as("the most taken off: just above half")
                    .isBetween(ceiling.dividedBy(2), ceiling.dividedBy(2).plusMillis(1));
        }
    }

    @Test
    void everyDelayLiesWithinItsBoundsAndNeverAboveMax() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            int n = random.nextInt(40);
            Duration delay = BACKOFF.delay(n, random::nextDouble);
            assertThat(delay).isBetween(BACKOFF.ceiling(n).dividedBy(2), BACKOFF.ceiling(n));
            assertThat(delay).isBetween(Duration.ofMillis(125), Duration.ofSeconds(30));
        }
        for (int n = 0; n < 40; n++) {
            assertThat(BACKOFF.delay(n)).isBetween(BACKOFF.ceiling(n).dividedBy(2), BACKOFF.ceiling(n));
        }
    }

    @Test
    void fullJitterStillNeverRetriesAtOnce() {
        Backoff full = new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 1);
        assertThat(full.delay(0, () -> ALMOST_ONE)).isEqualTo(Duration.ofMillis(1));
        Backoff wide = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 1);
        assertThat(wide.delay(3, () -> ALMOST_ONE)).isPositive();
    }

    @Test
    void noJitterGivesExactlyTheCeiling() {
        Backoff exact = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0);
        assertThat(exact.delay(2, () -> ALMOST_ONE)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.5))
                .hasMessageContaining("initial must be positive");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5))
                .hasMessageContaining("at least initial");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5))
                .hasMessageContaining("jitter must be from 0 to 1");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Double.NaN))
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> BACKOFF.ceiling(-1)).hasMessageContaining("from 0");
        assertThatThrownBy(() -> BACKOFF.delay(0, () -> 1.0)).hasMessageContaining("[0, 1)");
    }
}
