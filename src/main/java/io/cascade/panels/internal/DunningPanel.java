package io.cascade.panels.internal;

import io.cascade.dunning.api.DunningState;
import io.cascade.dunning.api.DunningStates;
import io.cascade.shared.Caller;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Dunning as the panels show it beside other things: the badge, history and next step of an account's dunning (its
 * account page), and the banner of an account whose own new orders are blocked for overdue invoices (every page of its
 * panel, ADR 0032). Nothing shows without {@code BILLING_READ}.
 */
@ControllerAdvice(basePackages = "io.cascade.panels")
@Order(Ordered.LOWEST_PRECEDENCE)
class DunningPanel {
    private final DunningStates states;
    private final Viewers viewers;

    DunningPanel(DunningStates states, Viewers viewers) {
        this.states = states;
        this.viewers = viewers;
    }

    /** The account's dunning with each of its vendors that has anything overdue or an episode, else nothing. */
    List<DunningState> of(Caller caller, UUID accountId) {
        try {
            return states.ofBuyer(caller, accountId).stream()
                    .filter(s -> s.inDunning() || s.overdue() != null || s.endedOn() != null).toList();
        } catch (ForbiddenException | NotFoundException e) {
            return List.of();
        }
    }

    /** The banner of the viewer's own account while its new orders are blocked (null: none). */
    @ModelAttribute("dunningBanner")
    DunningState banner(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return null;
        }
        return viewers.of(request).filter(v -> !v.serviceUser())
                .flatMap(v -> of(v.caller(), v.account().id()).stream().filter(DunningState::ordersBlocked).findFirst())
                .orElse(null);
    }

    /** A state with the words of its badge. */
    record Row(DunningState state, String badge) {
    }

    List<Row> rows(Caller caller, UUID accountId) {
        return of(caller, accountId).stream().map(s -> new Row(s, badge(s))).toList();
    }

    /** The badge's words for a stage: "Dunning: warned". */
    static String badge(DunningState state) {
        return "Dunning: " + switch (state.stage()) {
            case "REMINDER" -> "reminded";
            case "WARNING" -> "warned";
            case "BLOCK_ORDERS" -> "orders blocked";
            case "SUSPEND" -> "suspended";
            case "FLAG" -> "flagged for termination";
            case "OVERDUE" -> "overdue";
            default -> state.stage().toLowerCase(Locale.ROOT);
        };
    }
}
