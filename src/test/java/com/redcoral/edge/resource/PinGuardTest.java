package com.redcoral.edge.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.order.Actor;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PinGuardTest {

    private static final String HASH = PinHash.hash("2468");
    private static final Actor LI = new Actor("mgr_01", "Li", Set.of());

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final PinGuard guard = new PinGuard(new PinGuard.Policy(3, Duration.ofSeconds(30)), now::get);

    private PinGuard.Result check(String pin) {
        return guard.check("mgr_01", pin, LI, HASH);
    }

    @Test
    void theRightPinIsVerifiedAndAWrongOneRefused() {
        assertThat(check("2468")).isEqualTo(new PinGuard.Result.Verified(LI));
        assertThat(check("1111")).isInstanceOf(PinGuard.Result.Refused.class);
    }

    @Test
    void unknownInactiveOrPinlessEmployeesAreRefusedWithoutCounting() {
        for (int i = 0; i < 10; i++) {
            assertThat(guard.check("mgr_01", "2468", null, HASH)).isInstanceOf(PinGuard.Result.Refused.class);
            assertThat(guard.check("mgr_01", "2468", LI, null)).isInstanceOf(PinGuard.Result.Refused.class);
            assertThat(guard.check("mgr_01", null, LI, HASH)).isInstanceOf(PinGuard.Result.Refused.class);
        }
        assertThat(check("2468")).isInstanceOf(PinGuard.Result.Verified.class);
    }

    @Test
    void failuresInARowLockThePinEvenTheRightOneUntilThePauseEnds() {
        check("0000");
        check("0001");
        check("0002");
        PinGuard.Result locked = check("2468");
        assertThat(locked).isEqualTo(new PinGuard.Result.Throttled(Duration.ofSeconds(30)));
        assertThat(((PinGuard.Result.Throttled) locked).message("mgr_01"))
                .isEqualTo("too many wrong PINs for mgr_01; try again in 30 s");
        now.addAndGet(29_500);
        assertThat(((PinGuard.Result.Throttled) check("2468")).message("mgr_01")).endsWith("in 1 s");
        now.addAndGet(500);
        assertThat(check("2468")).isInstanceOf(PinGuard.Result.Verified.class);
    }

    @Test
    void eachFailureAfterALockDoublesThePauseUpToALimit() {
        for (int i = 0; i < 3; i++) {
            check("0000");
        }
        long[] pauses = new long[8];
        for (int round = 0; round < pauses.length; round++) {
            PinGuard.Result.Throttled throttled = (PinGuard.Result.Throttled) check("0000");
            pauses[round] = throttled.retryAfter().toSeconds();
            now.addAndGet(throttled.retryAfter().toMillis());
            assertThat(check("0000")).isInstanceOf(PinGuard.Result.Refused.class);
        }
        assertThat(pauses).containsExactly(30, 60, 120, 240, 480, 960, 960, 960);
    }

    @Test
    void aRightPinClearsTheCount() {
        check("0000");
        check("0001");
        assertThat(check("2468")).isInstanceOf(PinGuard.Result.Verified.class);
        check("0000");
        check("0001");
        assertThat(check("2468")).isInstanceOf(PinGuard.Result.Verified.class);
    }

    @Test
    void oneEmployeesLockLeavesOthersAlone() {
        for (int i = 0; i < 3; i++) {
            check("0000");
        }
        Actor zhang = new Actor("emp_01", "Zhang San", Set.of());
        String hash = PinHash.hash("1357");
        assertThat(guard.check("emp_01", "1357", zhang, hash)).isInstanceOf(PinGuard.Result.Verified.class);
    }
}
