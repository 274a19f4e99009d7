package io.cascade.payments.api;

/**
 * Why a bank returned a direct debit: the ISO 20022 external return reason codes a SEPA R-transaction carries (EPC
 * guidance). {@code revokesMandate}: the code says the mandate or the account can no longer be used, so the mandate is
 * revoked with the return (ADR 0030).
 */
public enum DirectDebitReturnReason {
    AC01("Account identifier incorrect", true),
    AC04("Account closed", true),
    AC06("Account blocked", true),
    AC13("Debtor account is a consumer account", false),
    AG01("Transaction forbidden on this account", true),
    AG02("Invalid bank operation code", false),
    AM04("Insufficient funds", false),
    AM05("Duplicate collection", false),
    BE05("Unrecognised initiating party", false),
    CNOR("Creditor bank is not registered", false),
    DNOR("Debtor bank is not registered", false),
    FF01("Invalid file format", false),
    MD01("No valid mandate", true),
    MD02("Mandate data missing or incorrect", false),
    MD06("Refund request by the debtor", false),
    MD07("Debtor deceased", true),
    MS02("Refused by the debtor", false),
    MS03("Reason not specified", false),
    RC01("Bank identifier incorrect", false),
    RR01("Missing debtor account or identification", false),
    RR02("Missing debtor name or address", false),
    RR03("Missing creditor name or address", false),
    RR04("Regulatory reason", false),
    SL01("Specific service offered by the debtor bank", false);

    private final String description;
    private final boolean revokesMandate;

    DirectDebitReturnReason(String description, boolean revokesMandate) {
        this.description = description;
        this.revokesMandate = revokesMandate;
    }

    public String description() {
        return description;
    }

    public boolean revokesMandate() {
        return revokesMandate;
    }
}
