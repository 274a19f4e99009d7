package io.cascade.billing.internal;

import io.cascade.billing.api.BillingRunHistory;
import io.cascade.billing.api.RunSummary;
import io.cascade.shared.Caller;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Billing")
class RunHistoryController {
    private final BillingRunHistory history;

    RunHistoryController(BillingRunHistory history) {
        this.history = history;
    }

    @GetMapping("/api/v1/billing/runs")
    @Operation(operationId = "listBillingRuns", summary = "The billing runs, newest first (provider staff)")
    Page<RunSummary> list(@Parameter(hidden = true) Caller caller, @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) String cursor) {
        return history.list(caller, limit, cursor);
    }
}
