package io.cascade.billing.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Invoice CSV cells: RFC 4180 quoting, and nothing a spreadsheet would run as a formula (OWASP CSV injection). */
class CsvCellsTest {
    @Test
    void aCellThatStartsLikeAFormulaIsNeutralised() {
        assertThat(InvoiceDocuments.escape("=SUM(A1:A9)")).isEqualTo("'=SUM(A1:A9)");
        assertThat(InvoiceDocuments.escape("+1+cmd")).isEqualTo("'+1+cmd");
        assertThat(InvoiceDocuments.escape("-2+3+cmd")).isEqualTo("'-2+3+cmd");
        assertThat(InvoiceDocuments.escape("@SUM(1)")).isEqualTo("'@SUM(1)");
        assertThat(InvoiceDocuments.escape("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(InvoiceDocuments.escape("\r=1+1")).isEqualTo("\"'\r=1+1\"");
    }

    @Test
    void numbersStayNumbers() {
        assertThat(InvoiceDocuments.escape("-12.50")).isEqualTo("-12.50");
        assertThat(InvoiceDocuments.escape("12.50")).isEqualTo("12.50");
        assertThat(InvoiceDocuments.escape("+7")).isEqualTo("+7");
        assertThat(InvoiceDocuments.escape("-1.2.3")).isEqualTo("'-1.2.3");
    }

    @Test
    void cellsAreQuotedAsRfc4180Says() {
        assertThat(InvoiceDocuments.escape("Hosted Mail")).isEqualTo("Hosted Mail");
        assertThat(InvoiceDocuments.escape("a, b")).isEqualTo("\"a, b\"");
        assertThat(InvoiceDocuments.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(InvoiceDocuments.escape(null)).isEmpty();
    }
}
