package io.cascade.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the billing tests move forward: the whole application (runs, subscriptions, tokens) sees its time. */
public final class TestClock extends Clock {
    private volatile Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    public void set(LocalDate day) {
        now = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    public void advance(java.time.Duration by) {
        now = now.plus(by);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
