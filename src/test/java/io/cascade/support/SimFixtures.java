package io.cascade.support;

import io.cascade.assets.api.SimNumbers;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Valid, unique SIM numbers for tests: ICCIDs of 19 digits with their Luhn check digit, IMSIs of 15 digits and
 * MSISDNs of 15, all drawn from one random block per {@link SimFixtures} so that tests sharing a database never
 * collide.
 */
public final class SimFixtures {
    private final long block = ThreadLocalRandom.current().nextLong(1_000_000L, 9_999_999L);

    public static SimFixtures block() {
        return new SimFixtures();
    }

    /** The i-th ICCID of the block: 8949 + 7 block digits + 7 serial digits + the Luhn digit. */
    public String iccid(int i) {
        String payload = "8949" + block + String.format("%07d", i);
        return payload + SimNumbers.luhnDigit(payload);
    }

    public String imsi(int i) {
        return "262" + String.format("%07d", block) + String.format("%05d", i);
    }

    public String msisdn(int i) {
        return "49" + block + String.format("%06d", i);
    }

    /** A CSV of SIMs from..to-1 with the header row. */
    public String csv(int from, int to) {
        StringBuilder csv = new StringBuilder("iccid,imsi,msisdn\n");
        for (int i = from; i < to; i++) {
            csv.append(iccid(i)).append(',').append(imsi(i)).append(',').append(msisdn(i)).append('\n');
        }
        return csv.toString();
    }
}
