package io.cascade.payments.internal;

import com.prowidesoftware.swift.model.mx.MxPain00800108;
import com.prowidesoftware.swift.model.mx.MxWriteConfiguration;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.ChargeBearerType1Code;
import com.prowidesoftware.swift.model.mx.dic.CustomerDirectDebitInitiationV08;
import com.prowidesoftware.swift.model.mx.dic.DirectDebitTransaction10;
import com.prowidesoftware.swift.model.mx.dic.DirectDebitTransactionInformation23;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.GenericFinancialIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GenericPersonIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader83;
import com.prowidesoftware.swift.model.mx.dic.LocalInstrument2Choice;
import com.prowidesoftware.swift.model.mx.dic.MandateRelatedInformation14;
import com.prowidesoftware.swift.model.mx.dic.Party38Choice;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification6;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction29;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod2Code;
import com.prowidesoftware.swift.model.mx.dic.PaymentTypeInformation29;
import com.prowidesoftware.swift.model.mx.dic.PersonIdentification13;
import com.prowidesoftware.swift.model.mx.dic.PersonIdentificationSchemeName1Choice;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation16;
import com.prowidesoftware.swift.model.mx.dic.SequenceType3Code;
import com.prowidesoftware.swift.model.mx.dic.ServiceLevel8Choice;
import io.cascade.payments.api.MandateSequence;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a collection run as an ISO 20022 {@code pain.008.001.08} customer direct debit initiation with Prowide's model
 * (ADR 0029, 0030): a group header (message id, creation time, number of transactions, control sum, the issuer as
 * initiating party), one payment information block per sequence type (SEPA core scheme, charges shared as SEPA wants
 * ({@code SLEV}), the requested collection date, the issuer as creditor with its account and creditor scheme id), and
 * one transaction per item (end-to-end id, amount in EUR, mandate id and signature date, the debtor, its account and
 * bank, the remittance text).
 */
public final class CollectionFiles {
    private CollectionFiles() {
    }

    /** The issuer as creditor: its name, account (BIC optional) and SEPA creditor identifier. */
    public record Creditor(String name, String iban, String bic, String creditorId) {
    }

    /** One transaction. */
    public record Transaction(String endToEndId, BigDecimal amount, MandateSequence sequence, String mandateId,
                              LocalDate signedOn, String debtorName, String iban, String bic, String remittance) {
    }

    /** The file's XML. {@code messageId} (at most 30 characters) also starts each payment information id. */
    public static String write(String messageId, OffsetDateTime createdAt, LocalDate collectionDate, Creditor creditor,
                               List<Transaction> transactions) {
        Map<MandateSequence, List<Transaction>> bySequence = new TreeMap<>();
        for (Transaction t : transactions) {
            bySequence.computeIfAbsent(t.sequence(), k -> new ArrayList<>()).add(t);
        }
        CustomerDirectDebitInitiationV08 initiation = new CustomerDirectDebitInitiationV08()
                .setGrpHdr(new GroupHeader83().setMsgId(messageId).setCreDtTm(createdAt)
                        .setNbOfTxs(String.valueOf(transactions.size())).setCtrlSum(sum(transactions))
                        .setInitgPty(new PartyIdentification135().setNm(text(creditor.name(), 70))));
        for (var entry : bySequence.entrySet()) {
            List<Transaction> group = entry.getValue();
            PaymentInstruction29 info = new PaymentInstruction29()
                    .setPmtInfId(messageId + "-" + entry.getKey().name())
                    .setPmtMtd(PaymentMethod2Code.DD)
                    .setBtchBookg(Boolean.TRUE)
                    .setNbOfTxs(String.valueOf(group.size()))
                    .setCtrlSum(sum(group))
                    .setPmtTpInf(new PaymentTypeInformation29()
                            .addSvcLvl(new ServiceLevel8Choice().setCd("SEPA"))
                            .setLclInstrm(new LocalInstrument2Choice().setCd("CORE"))
                            .setSeqTp(SequenceType3Code.valueOf(entry.getKey().name())))
                    .setReqdColltnDt(collectionDate)
                    .setCdtr(new PartyIdentification135().setNm(text(creditor.name(), 70)))
                    .setCdtrAcct(account(creditor.iban()))
                    .setCdtrAgt(agent(creditor.bic()))
                    .setChrgBr(ChargeBearerType1Code.SLEV)
                    .setCdtrSchmeId(schemeId(creditor.creditorId()));
            for (Transaction t : group) {
                info.addDrctDbtTxInf(new DirectDebitTransactionInformation23()
                        .setPmtId(new PaymentIdentification6().setEndToEndId(t.endToEndId()))
                        .setInstdAmt(new ActiveOrHistoricCurrencyAndAmount().setCcy("EUR")
                                .setValue(t.amount().setScale(2)))
                        .setDrctDbtTx(new DirectDebitTransaction10().setMndtRltdInf(
                                new MandateRelatedInformation14().setMndtId(t.mandateId()).setDtOfSgntr(t.signedOn())))
                        .setDbtrAgt(agent(t.bic()))
                        .setDbtr(new PartyIdentification135().setNm(text(t.debtorName(), 70)))
                        .setDbtrAcct(account(t.iban()))
                        .setRmtInf(new RemittanceInformation16().addUstrd(text(t.remittance(), 140))));
            }
            initiation.addPmtInf(info);
        }
        MxPain00800108 message = new MxPain00800108().setCstmrDrctDbtInitn(initiation);
        MxWriteConfiguration config = new MxWriteConfiguration();
        config.documentPrefix = null;
        return message.message(config);
    }

    private static BigDecimal sum(List<Transaction> transactions) {
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (Transaction t : transactions) {
            sum = sum.add(t.amount());
        }
        return sum.setScale(2);
    }

    private static CashAccount38 account(String iban) {
        return new CashAccount38().setId(new AccountIdentification4Choice().setIBAN(iban));
    }

    /** The bank by its BIC, or "NOTPROVIDED" as SEPA asks when the BIC is not known. */
    private static BranchAndFinancialInstitutionIdentification6 agent(String bic) {
        FinancialInstitutionIdentification18 id = new FinancialInstitutionIdentification18();
        if (bic == null) {
            id.setOthr(new GenericFinancialIdentification1().setId("NOTPROVIDED"));
        } else {
            id.setBICFI(bic);
        }
        return new BranchAndFinancialInstitutionIdentification6().setFinInstnId(id);
    }

    /** The creditor scheme id as SEPA writes it: a private identification of scheme "SEPA". */
    private static PartyIdentification135 schemeId(String creditorId) {
        return new PartyIdentification135().setId(new Party38Choice().setPrvtId(new PersonIdentification13()
                .addOthr(new GenericPersonIdentification1().setId(creditorId)
                        .setSchmeNm(new PersonIdentificationSchemeName1Choice().setPrtry("SEPA")))));
    }

    private static String text(String value, int max) {
        String v = value.strip();
        return v.length() <= max ? v : v.substring(0, max);
    }
}
