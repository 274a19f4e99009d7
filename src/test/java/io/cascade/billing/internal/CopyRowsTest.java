package io.cascade.billing.internal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The COPY text the billing run writes its rows with: every value survives as it is, null stays null. */
class CopyRowsTest {
    @Test
    void escapesWhatCopyTextGivesAMeaning() {
        UUID id = UUID.fromString("0190b4a2-0000-7000-8000-000000000001");
        InvoiceStore.CopyRows rows = new InvoiceStore.CopyRows();
        rows.add(id).add("Plan\twith a tab, a back\\slash,\na newline and\r a return").add(null)
                .add(new BigDecimal("1E+3")).add(new BigDecimal("-0.0500")).add(true).add(LocalDate.of(2026, 2, 28))
                .add(42L).end();
        rows.add(false).add("").end();

        assertThat(rows.rows()).isEqualTo(2);
        assertThat(rows.text()).isEqualTo(id + "\tPlan\\twith a tab, a back\\\\slash,\\na newline and\\r a return"
                + "\t\\N\t1000\t-0.0500\tt\t2026-02-28\t42\nf\t\n");
    }

    @Test
    void aChunksRowsAreKeptInSmallBlocksNeverInOneBufferOfTheWholeChunk() {
        InvoiceStore.CopyRows rows = new InvoiceStore.CopyRows();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            UUID id = new UUID(i, i);
            rows.add(id).add("Bench cloud ä " + i).add(new BigDecimal("12.5000")).end();
            expected.append(id).append("\tBench cloud ä ").append(i).append("\t12.5000\n");
        }

        // about 1.2 MB of rows: one buffer of that size would be a humongous object of the heap
        assertThat(rows.blocks()).hasSizeGreaterThan(30).allSatisfy(block -> {
            assertThat(block.length).isLessThanOrEqualTo(InvoiceStore.CopyRows.BLOCK + 1024);
            assertThat(block[block.length - 1]).as("a block ends with a whole row").isEqualTo((byte) '\n');
        });
        assertThat(rows.rows()).isEqualTo(20_000);
        assertThat(rows.text()).isEqualTo(expected.toString());
    }

    @Test
    void timeOrderedIdsAreVersion7AndGrowWithTheClock() throws InterruptedException {
        UUID first = TimeOrderedIds.next();
        Thread.sleep(2); // let the clock move on: the second id must carry a later millisecond
        UUID second = TimeOrderedIds.next();

        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.getMostSignificantBits() >>> 16).isLessThan(second.getMostSignificantBits() >>> 16);
        assertThat(first.getMostSignificantBits() >>> 16)
                .isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    }
}
