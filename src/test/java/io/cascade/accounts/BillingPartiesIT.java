package io.cascade.accounts;

import io.cascade.accounts.api.BillingParties;
import io.cascade.accounts.api.BillingParties.Party;
import io.cascade.shared.Caller;
import io.cascade.shared.Privilege;
import io.cascade.support.AccountFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Billing's bulk read of issuers and buyers is checked like every other read (ADR 0016): a caller gets the parties it
 * covers with their subtree, those above it without one, and nothing of a sibling's tree; the platform gets all.
 */
class BillingPartiesIT extends IntegrationTest {
    @Autowired
    private BillingParties parties;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void aCallerGetsWhatItCoversWithItsSubtreeWhatLiesAboveWithoutOneAndNothingElse() {
        TreeFixtures.Tree tree = TreeFixtures.resellerWithHolding(provider).named("Parties Reseller")
                .customer("Parties Customer").build();
        String sibling = AccountFixtures.reseller("Parties Sibling").create(provider).id();
        UUID reseller = UUID.fromString(tree.resellerId());
        UUID customer = UUID.fromString(tree.customerId());
        UUID providerId = UUID.fromString(providerId());
        UUID siblingId = UUID.fromString(sibling);
        List<UUID> all = List.of(reseller, customer, providerId, siblingId);

        Map<UUID, Party> seen = parties.of(staffOf(reseller), all);
        assertThat(seen).as("the reseller's staff: itself, its customer and its vendor, not its sibling")
                .containsOnlyKeys(reseller, customer, providerId);
        assertThat(seen.get(reseller).subtree()).isNotNull();
        assertThat(seen.get(customer).subtree()).isNotNull();
        assertThat(seen.get(providerId).subtree()).as("the vendor above comes without what lies below it").isNull();

        assertThat(parties.of(staffOf(customer), all)).as("the customer's staff: itself and the vendors above")
                .containsOnlyKeys(customer, reseller, providerId);

        Map<UUID, Party> platform = parties.of(Caller.system(providerId, path(providerId), "test"), all);
        assertThat(platform).as("the platform sees the whole tree").containsOnlyKeys(all.toArray(UUID[]::new));
        assertThat(platform.values()).allSatisfy(p -> assertThat(p.subtree()).isNotNull());
    }

    private Caller staffOf(UUID accountId) {
        return new Caller(UUID.randomUUID(), "staff@parties.test", accountId, path(accountId),
                Set.of(Privilege.values()), "test", null);
    }

    private String path(UUID accountId) {
        return jdbc.sql("SELECT path FROM account WHERE id = :id").param("id", accountId).query(String.class).single();
    }
}
