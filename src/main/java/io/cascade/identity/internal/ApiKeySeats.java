package io.cascade.identity.internal;

import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.LicenceSeats;
import io.cascade.accounts.api.Subtree;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** The seats of {@link Feature#API_ACCESS}: the live API keys of the subtree's users (panel sessions excluded). */
@Component
class ApiKeySeats implements LicenceSeats {
    private final Tokens tokens;
    private final Clock clock;

    ApiKeySeats(Tokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Feature feature() {
        return Feature.API_ACCESS;
    }

    @Override
    public long used(Subtree subtree) {
        return tokens.liveApiKeys(subtree, clock.instant());
    }
}
