package io.cascade.usage.internal;

import io.cascade.shared.Caller;
import io.cascade.shared.Privilege;
import io.cascade.usage.api.UsageMetering;
import io.cascade.usage.api.UsageReceipt;
import io.cascade.usage.api.UsageSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.UUID;

@RestController
@Tag(name = "Usage", description = "Metered usage: batch ingestion and summaries")
class UsageController {
    private final UsageMetering metering;

    UsageController(UsageMetering metering) {
        this.metering = metering;
    }

    @PostMapping("/api/v1/usage")
    @Operation(operationId = "reportUsage", summary = "Report a batch of usage records {records: [{id, subscriptionId, resourceType, quantity, "
            + "at}]} (up to 10,000); repeated record ids are ignored, bad records reported one by one")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = UsageBatch.class)))
    UsageReceipt ingest(@Parameter(hidden = true) Caller caller, @RequestBody JsonNode body) {
        caller.require(Privilege.SUBSCRIPTIONS_MANAGE); // before the body is read: 403 comes before 422
        UsageBatchJson.Read read = UsageBatchJson.read(body);
        return UsageBatchJson.receipt(read, metering.ingest(caller, read.records()));
    }

    @GetMapping("/api/v1/accounts/{accountId}/usage")
    @Operation(operationId = "getUsageSummary", summary = "Usage of an account's subtree for the days from (inclusive) to (exclusive)")
    UsageSummary summary(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         @RequestParam(required = false) Integer limit,
                         @RequestParam(required = false) String cursor) {
        return metering.summary(caller, accountId, from, to, limit, cursor);
    }
}
