package io.cascade.payments.internal;

import io.cascade.payments.api.MandateSequence;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pain.008.001.08 file of a collection run is valid against the official schema and carries the right sums. */
public class CollectionFilesTest {

    /** Validates against {@code pain.008.001.08.xsd} from the class path; answers the parsed document. */
    public static Document valid(String xml) throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(CollectionFilesTest.class.getResource("/pain.008.001.08.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    public static String xpath(Document document, String path) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(path, document);
    }

    @Test
    void aRunWithFirstAndRecurrentCollectionsIsSchemaValid() throws Exception {
        String xml = CollectionFiles.write("DD3f2a9c0e5b7d4e1f8a6b2c3d4e5f", OffsetDateTime.parse("2026-09-01T09:00:00Z"),
                LocalDate.of(2026, 9, 3), new CollectionFiles.Creditor("Reseller GmbH", "DE89370400440532013000", null,
                        "DE98ZZZ09999999999"),
                List.of(new CollectionFiles.Transaction("INV-2026-000001", new BigDecimal("25.0000"),
                                MandateSequence.FRST, "M-1", LocalDate.of(2026, 8, 1), "Customer AG",
                                "FR1420041010050500013M02606", "BNPAFRPP", "INV-2026-000001"),
                        new CollectionFiles.Transaction("INV-2026-000002", new BigDecimal("10.5"),
                                MandateSequence.RCUR, "M-2", LocalDate.of(2026, 1, 2), "Other Ltd",
                                "DE89370400440532013000", null, "INV-2026-000002"),
                        new CollectionFiles.Transaction("INV-2026-000003", new BigDecimal("4.50"),
                                MandateSequence.RCUR, "M-2", LocalDate.of(2026, 1, 2), "Other Ltd",
                                "DE89370400440532013000", null, "INV-2026-000003")));
        Document doc = valid(xml);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("urn:iso:std:iso:20022:tech:xsd:pain.008.001.08");
        assertThat(xpath(doc, "//*[local-name()='GrpHdr']/*[local-name()='NbOfTxs']")).isEqualTo("3");
        assertThat(xpath(doc, "//*[local-name()='GrpHdr']/*[local-name()='CtrlSum']")).isEqualTo("40.00");
        assertThat(xpath(doc, "count(//*[local-name()='PmtInf'])")).isEqualTo("2");
        assertThat(xpath(doc, "//*[local-name()='PmtInf'][*[local-name()='PmtTpInf']/*[local-name()='SeqTp']='RCUR']"
                + "/*[local-name()='CtrlSum']")).isEqualTo("15.00");
        assertThat(xpath(doc, "//*[local-name()='DrctDbtTxInf'][1]/*[local-name()='DrctDbtTx']"
                + "/*[local-name()='MndtRltdInf']/*[local-name()='DtOfSgntr']")).isEqualTo("2026-08-01");
        assertThat(xpath(doc, "//*[local-name()='CdtrSchmeId']//*[local-name()='Othr']/*[local-name()='Id']")).isEqualTo("DE98ZZZ09999999999");
        assertThat(xpath(doc, "//*[local-name()='DrctDbtTxInf'][1]/*[local-name()='InstdAmt']")).isEqualTo("25.00");
    }

    @Test
    void theSchemaRefusesABrokenFile() {
        String xml = CollectionFiles.write("M1", OffsetDateTime.parse("2026-09-01T09:00:00Z"),
                LocalDate.of(2026, 9, 3), new CollectionFiles.Creditor("Reseller GmbH", "DE89370400440532013000", null,
                        "DE98ZZZ09999999999"),
                List.of(new CollectionFiles.Transaction("E2E", new BigDecimal("1.00"), MandateSequence.FRST, "M-1",
                        LocalDate.of(2026, 8, 1), "Customer AG", "DE89370400440532013000", null, "x")));
        assertThatThrownBy(() -> valid(xml.replace("<SeqTp>FRST</SeqTp>", "<SeqTp>NEXT</SeqTp>")))
                .hasMessageContaining("NEXT");
    }
}
