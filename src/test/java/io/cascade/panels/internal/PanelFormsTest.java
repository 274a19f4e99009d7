package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountDraft;
import io.cascade.accounts.api.AccountType;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The panels' own form handling, without Spring: where problems land, what parses, where sign-in may lead. */
class PanelFormsTest {

    @ParameterizedTest
    @CsvSource({
            "address.country,        address.country",
            "resellerProfile,        resellerProfile.model",
            "estimatedAnnualRevenue, estimatedAnnualRevenue.amount",
            "admin,                  admin.email",
            "admin.password,         admin.password",
            "contact.email.domain,   contact.email"})
    void aProblemLandsOnTheInputItNames(String field, String input) {
        FormErrors errors = new FormErrors(AccountForm.FIELDS).add(new FieldProblem(field, "is wrong"));
        assertThat(errors.has(input)).isTrue();
        assertThat(errors.get(input)).isEqualTo("is wrong");
        assertThat(errors.general()).isEmpty();
    }

    @Test
    void aProblemWithoutAnInputIsShownAboveTheForm() {
        FormErrors errors = new FormErrors(AccountForm.FIELDS).add(new FieldProblem("type", "must be RESELLER"));
        assertThat(errors.general()).containsExactly("type must be RESELLER");
        assertThat(new FormErrors(AccountForm.FIELDS)
                .from(RuleViolationException.conflict(Problem.VENDOR_NOT_ACTIVE, "The vendor is SUSPENDED.")).general())
                .containsExactly("The vendor is SUSPENDED.");
    }

    @Test
    void aRuleThatNamesFieldsPutsThemAtTheirInputs() {
        var taken = new RuleViolationException(Problem.CUSTOMER_NUMBER_TAKEN, "Taken.",
                Map.of("errors", List.of(new FieldProblem("customerNumber", "is already taken"))));
        FormErrors errors = new FormErrors(AccountForm.FIELDS).from(taken);
        assertThat(errors.get("customerNumber")).isEqualTo("is already taken");
        assertThat(errors.general()).isEmpty();
    }

    @Test
    void theOnboardingFormBecomesTheServicesDraft() {
        UUID vendor = UUID.randomUUID();
        AccountForm form = new AccountForm("RESELLER", vendor.toString(), null, " Acme ", "", null,
                " billing@acme.test ", new AccountForm.AddressForm("Main 1", "10115", "Berlin", "DE"), null, null,
                new AccountForm.MoneyForm("1000.5", null), null, new AccountForm.SignaturesForm("", " ", ""),
                "true", "EUR", null, null, "3", new AccountForm.ProfileForm("COMMISSION", "false", "RAW", "7"),
                new AccountForm.AdminForm("a@acme.test", "Ann", ""));
        AccountDraft draft = form.draft();
        assertThat(draft.type()).isEqualTo(AccountType.RESELLER);
        assertThat(draft.vendorId()).isEqualTo(vendor);
        assertThat(draft.companyName()).isEqualTo("Acme");
        assertThat(draft.customerNumber()).as("empty means generated").isNull();
        assertThat(draft.address().city()).isEqualTo("Berlin");
        assertThat(draft.contact()).as("an empty group is left out").isNull();
        assertThat(draft.billingEmail()).isEqualTo("billing@acme.test");
        assertThat(draft.signatures()).isNull();
        assertThat(draft.estimatedAnnualRevenue().amount()).isEqualByComparingTo("1000.50");
        assertThat(draft.estimatedAnnualRevenue().currency().getCurrencyCode()).as("the account's currency")
                .isEqualTo("EUR");
        assertThat(draft.billable()).as("only customers are billable or simple").isNull();
        assertThat(draft.billCycleDay()).isEqualTo(3);
        assertThat(draft.resellerProfile().customerInvoicing()).isFalse();
        assertThat(draft.resellerProfile().customerBillCycleDay()).isEqualTo(7);
        assertThat(draft.admin().password()).as("no password: an invitation").isNull();
    }

    @Test
    void whatDoesNotParseIsReportedAtItsInput() {
        AccountForm form = new AccountForm("CUSTOMER", UUID.randomUUID().toString(), null, "Acme", null, null, null,
                null, null, null, new AccountForm.MoneyForm("lots", "EUR"), null, null, "maybe", null, null, null, "x",
                null, null);
        assertThatThrownBy(form::draft).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.problems()).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                        "estimatedAnnualRevenue.amount", "billable", "billCycleDay"));
    }

    @ParameterizedTest
    @CsvSource({
            "/panel/accounts?under=1&scope=subtree, /panel/accounts?under=1&scope=subtree",
            "/,                                      /",
            "/panel/profile,                         /panel/profile",
            "//evil.example/panel,                   /",
            "https://evil.example/,                  /",
            "/api/v1/me,                             /",
            "/panel/\\evil,                          /",
            "/panel/x{y},                            /"})
    void signInLeadsOnlyToPanelPages(String next, String target) {
        assertThat(SignInController.safeNext(next)).isEqualTo(target);
    }
}
