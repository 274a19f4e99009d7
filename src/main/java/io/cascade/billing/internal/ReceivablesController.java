package io.cascade.billing.internal;

import io.cascade.billing.api.MrrReport;
import io.cascade.billing.api.ReceivablesAgeing;
import io.cascade.billing.api.ReceivablesReports;
import io.cascade.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Receivables ageing and MRR of an issuer; JSON, or CSV with Accept: text/csv. */
@RestController
@Tag(name = "Balances", description = "Payments, allocations, credit, refunds, write-offs and statements of account")
class ReceivablesController {
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final ReceivablesReports reports;

    ReceivablesController(ReceivablesReports reports) {
        this.reports = reports;
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/receivables/ageing", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getReceivablesAgeing", summary = "The issuer's open invoices as of a day (asOf, default today) "
            + "per currency and buyer in buckets of days past due: current, 1-30, 31-60, 61-90, over 90; with "
            + "Accept: text/csv as CSV")
    ReceivablesAgeing ageing(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                             @RequestParam(required = false) String asOf) {
        return reports.ageing(caller, accountId, asOf);
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/receivables/ageing", produces = "text/csv")
    @Operation(operationId = "getReceivablesAgeing", summary = "The issuer's open invoices as of a day (asOf, default today) "
            + "per currency and buyer in buckets of days past due: current, 1-30, 31-60, 61-90, over 90; with "
            + "Accept: text/csv as CSV")
    ResponseEntity<String> ageingCsv(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                     @RequestParam(required = false) String asOf) {
        return csv(reports.ageingCsv(caller, accountId, asOf), "ageing-" + accountId);
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/reports/mrr", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getMrrReport", summary = "The vendor's monthly recurring revenue at each month's end (from, to: "
            + "YYYY-MM, default the last 12 months) with its movement: new, expansion, contraction, churn; with "
            + "Accept: text/csv as CSV")
    MrrReport mrr(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return reports.mrr(caller, accountId, from, to);
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/reports/mrr", produces = "text/csv")
    @Operation(operationId = "getMrrReport", summary = "The vendor's monthly recurring revenue at each month's end (from, to: "
            + "YYYY-MM, default the last 12 months) with its movement: new, expansion, contraction, churn; with "
            + "Accept: text/csv as CSV")
    ResponseEntity<String> mrrCsv(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to) {
        return csv(reports.mrrCsv(caller, accountId, from, to), "mrr-" + accountId);
    }

    private static ResponseEntity<String> csv(String body, String name) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                .body(body);
    }
}
