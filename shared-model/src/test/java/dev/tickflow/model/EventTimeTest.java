package dev.tickflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class EventTimeTest {

    @Test
    void roundTripsMicrosecondsIncludingBeforeTheEpoch() {
        Instant instant = Instant.parse("2026-11-22T14:30:00.123456Z");
        long micros = EventTime.toMicros(instant);
        assertThat(micros).isEqualTo(1_795_357_800_123_456L);
        assertThat(EventTime.toInstant(micros)).isEqualTo(instant);
        Instant before = Instant.parse("1969-12-31T23:59:59.999999Z");
        assertThat(EventTime.toMicros(before)).isEqualTo(-1L);
        assertThat(EventTime.toInstant(-1L)).isEqualTo(before);
    }

    @Test
    void millisecondsFloorTowardsThePast() {
        assertThat(EventTime.toMillis(1_999L)).isEqualTo(1L);
        assertThat(EventTime.toMillis(-1L)).isEqualTo(-1L);
        assertThat(EventTime.fromMillis(3L)).isEqualTo(3_000L);
    }
}
