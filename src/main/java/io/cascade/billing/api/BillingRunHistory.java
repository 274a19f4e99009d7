package io.cascade.billing.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountType;
import io.cascade.billing.internal.RunHistory;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * The past and present billing runs, newest first (read only). Runs bill the whole tree and belong to the provider,
 * as in {@link BillingRuns}: anybody else finds none (404).
 */
@Service
public class BillingRunHistory {
    private static final String CURSOR = "billing-run";

    private final RunHistory history;
    private final AccountScope scope;

    BillingRunHistory(RunHistory history, AccountScope scope) {
        this.history = history;
        this.scope = scope;
    }

    public Page<RunSummary> list(Caller caller, Integer limit, String cursor) {
        AccountFacts own = scope.facts(caller, caller.accountId()).orElseThrow(NotFoundException::new);
        if (own.type() != AccountType.PROVIDER || !caller.covers(own.path())) {
            throw new NotFoundException();
        }
        caller.require(Privilege.BILLING_READ);
        int size = Cursors.limit(limit);
        String after = Cursors.decode(CURSOR, cursor);
        Instant beforeAt = null;
        UUID beforeId = null;
        if (after != null) {
            String[] parts = after.split("\\|", 2);
            try {
                beforeAt = Instant.parse(parts[0]);
                beforeId = UUID.fromString(parts[1]);
            } catch (DateTimeParseException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw new InvalidInputException("cursor", "is not a cursor of this list");
            }
        }
        List<RunSummary> rows = history.newestFirst(beforeAt, beforeId, size + 1);
        List<RunSummary> page = rows.stream().limit(size).toList();
        String next = rows.size() > size
                ? Cursors.encode(CURSOR, page.get(size - 1).createdAt() + "|" + page.get(size - 1).id()) : null;
        return new Page<>(page, next);
    }
}
