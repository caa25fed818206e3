package io.pveflow.pve.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private final PollSchedule schedule = new PollSchedule(Duration.ofMillis(250), Duration.ofSeconds(2), 0.2);

    @Test
    void aYoungWaitIsLookedAtAfterTheMinimum() {
        assertThat(schedule.interval(T0, T0)).isEqualTo(Duration.ofMillis(250));
        assertThat(schedule.interval(T0, T0.plusMillis(1000))).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theGapGrowsWithTheAgeOfTheYoungestWaitUpToTheMaximum() {
        assertThat(schedule.interval(T0, T0.plusSeconds(2))).isEqualTo(Duration.ofMillis(400));
        assertThat(schedule.interval(T0, T0.plusSeconds(5))).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.interval(T0, T0.plusSeconds(3600))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aNodeNeverLookedAtIsDueAtOnce() {
        Instant now = T0.plusSeconds(7);
        assertThat(schedule.nextLook(null, T0, now)).isEqualTo(now);
    }

    @Test
    void theNextLookFollowsFromTheAgeAtTheLastLook() {
        Instant lastLook = T0.plusSeconds(5);
        assertThat(schedule.nextLook(lastLook, T0, lastLook.plusMillis(10))).isEqualTo(lastLook.plusSeconds(1));
    }

    @Test
    void aWaitParkedAfterTheLastLookBringsTheNextLookToTheMinimum() {
        Instant lastLook = T0.plusSeconds(60);
        Instant parkedAfter = lastLook.plusMillis(100);
        assertThat(schedule.nextLook(lastLook, parkedAfter, parkedAfter)).isEqualTo(lastLook.plusMillis(250));
    }

    @Test
    void aFixedScheduleAlwaysWaitsTheSame() {
        PollSchedule fixed = PollSchedule.fixed(Duration.ofSeconds(2));
        assertThat(fixed.interval(T0, T0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(fixed.interval(T0, T0.plusSeconds(3600))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void nonsenseIsRefusedNamingTheValues() {
        assertThatThrownBy(() -> new PollSchedule(Duration.ofSeconds(3), Duration.ofSeconds(2), 0.2))
                .hasMessageContaining("min PT3S, max PT2S");
        assertThatThrownBy(() -> new PollSchedule(Duration.ZERO, Duration.ofSeconds(2), 0.2))
                .hasMessageContaining("0 < min <= max");
        assertThatThrownBy(() -> new PollSchedule(Duration.ofMillis(250), Duration.ofSeconds(2), 1.5))
                .hasMessageContaining("between 0 and 1, got 1.5");
    }
}
