package io.cascade.billing.internal;

import io.cascade.billing.api.BillingReports;
import io.cascade.billing.api.BillingRuns;
import io.cascade.billing.api.BillingSettings;
import io.cascade.billing.api.CommissionStatementView;
import io.cascade.billing.api.CreditNoteRequest;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceView;
import io.cascade.billing.api.MarginReport;
import io.cascade.billing.api.PaymentRequest;
import io.cascade.billing.api.RunView;
import io.cascade.billing.api.UpcomingInvoices;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@Tag(name = "Billing", description = "Billing runs, invoices and credit notes, payments, reports")
class BillingController {
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final BillingRuns runs;
    private final InvoiceManagement invoices;
    private final BillingReports reports;

    BillingController(BillingRuns runs, InvoiceManagement invoices, BillingReports reports) {
        this.runs = runs;
        this.invoices = invoices;
        this.reports = reports;
    }

    /** Body of a run request: {@code asOf} defaults to today. */
    record RunRequest(LocalDate asOf) {
    }

    @PostMapping("/api/v1/billing/runs")
    @Operation(operationId = "startBillingRun", summary = "Start a billing run as of a day (default today; never in the future); provider staff only. "
            + "Answers 202 at once; poll the run for its progress")
    @ApiResponse(responseCode = "202", description = "The run, started; poll it at Location", headers = @Header(name = "Location"))
    ResponseEntity<RunView> start(@Parameter(hidden = true) Caller caller,
                                  @RequestBody(required = false) RunRequest request) {
        RunView run = runs.start(caller, request == null ? null : request.asOf());
        return ResponseEntity.accepted().location(URI.create("/api/v1/billing/runs/" + run.id())).body(run);
    }

    @GetMapping("/api/v1/billing/runs/{runId}")
    @Operation(operationId = "getBillingRun", summary = "A billing run: status and progress (buyers done / total, invoices written, errors)")
    RunView run(@Parameter(hidden = true) Caller caller, @PathVariable UUID runId) {
        return runs.get(caller, runId);
    }

    @GetMapping("/api/v1/accounts/{accountId}/invoices")
    @Operation(operationId = "listInvoices", summary = "Invoices and credit notes the account received or issued (role=BUYER or ISSUER), newest "
            + "first")
    Page<InvoiceView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                           @RequestParam(required = false) String role,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor) {
        return invoices.list(caller, accountId, role, limit, cursor);
    }

    @GetMapping(value = "/api/v1/invoices/{invoiceId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getInvoice", summary = "One invoice or credit note; with Accept: text/csv its lines as CSV")
    InvoiceView get(@Parameter(hidden = true) Caller caller, @PathVariable UUID invoiceId) {
        return invoices.get(caller, invoiceId);
    }

    @GetMapping(value = "/api/v1/invoices/{invoiceId}", produces = "text/csv")
    @Operation(operationId = "getInvoice", summary = "One invoice or credit note; with Accept: text/csv its lines as CSV")
    ResponseEntity<String> csv(@Parameter(hidden = true) Caller caller, @PathVariable UUID invoiceId) {
        InvoiceView invoice = invoices.get(caller, invoiceId);
        String body = invoices.csv(caller, invoiceId);
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + invoice.number() + ".csv\"")
                .body(body);
    }

    @GetMapping(value = "/api/v1/invoices/{invoiceId}/pdf")
    @Operation(operationId = "getInvoicePdf", summary = "The invoice as a PDF document, when its issuer offers PDF")
    @ApiResponse(responseCode = "200", description = "The invoice as PDF", content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "406", description = "The issuer does not offer PDF, or Accept excludes it (format-not-offered, not-acceptable)")
    ResponseEntity<byte[]> pdf(@Parameter(hidden = true) Caller caller, @PathVariable UUID invoiceId) {
        InvoiceView invoice = invoices.get(caller, invoiceId);
        byte[] body = invoices.pdf(caller, invoiceId);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + invoice.number() + ".pdf\"")
                .body(body);
    }

    @PostMapping("/api/v1/invoices/{invoiceId}/payments")
    @Operation(operationId = "recordPayment", summary = "Record a payment (issuer side); a fully paid invoice becomes PAID")
    InvoiceView pay(@Parameter(hidden = true) Caller caller, @PathVariable UUID invoiceId,
                    @RequestBody PaymentRequest request) {
        return invoices.pay(caller, invoiceId, request);
    }

    @PostMapping("/api/v1/invoices/{invoiceId}/credit-notes")
    @Operation(operationId = "createCreditNote", summary = "Correct an issued invoice with a credit note (issuer side)")
    @ApiResponse(responseCode = "201", description = "The credit note", headers = @Header(name = "Location"))
    ResponseEntity<InvoiceView> creditNote(@Parameter(hidden = true) Caller caller, @PathVariable UUID invoiceId,
                                           @RequestBody CreditNoteRequest request) {
        InvoiceView note = invoices.creditNote(caller, invoiceId, request);
        return ResponseEntity.created(URI.create("/api/v1/invoices/" + note.id())).body(note);
    }

    @GetMapping("/api/v1/accounts/{accountId}/upcoming-invoice")
    @Operation(operationId = "getUpcomingInvoice", summary = "What the next run (as of asOf, default the account's next cycle day) would bill the "
            + "account; writes nothing")
    UpcomingInvoices upcoming(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                              @RequestParam(required = false) LocalDate asOf) {
        return invoices.upcoming(caller, accountId, asOf);
    }

    @GetMapping("/api/v1/accounts/{accountId}/billing-settings")
    @Operation(operationId = "getBillingSettings", summary = "The account's invoicing settings as an issuer: number prefix, payment term, tax rates")
    @ApiResponse(responseCode = "200", description = "The invoicing settings", headers = @Header(name = "ETag"))
    ResponseEntity<BillingSettings> settings(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        InvoiceManagement.VersionedSettings current = invoices.versionedSettings(caller, accountId);
        return ResponseEntity.ok().eTag(Etags.of(current.version())).body(current.settings());
    }

    @PutMapping("/api/v1/accounts/{accountId}/billing-settings")
    @Operation(operationId = "updateBillingSettings", summary = "Change the invoicing settings (fields left out stay; taxRates replaces all rates; If-Match "
            + "with the ETag guards against lost updates)")
    @ApiResponse(responseCode = "200", description = "The changed invoicing settings", headers = @Header(name = "ETag"))
    ResponseEntity<BillingSettings> updateSettings(@Parameter(hidden = true) Caller caller,
                                                   @PathVariable UUID accountId,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                   String ifMatch,
                                                   @RequestBody BillingSettings request) {
        InvoiceManagement.VersionedSettings updated = invoices.updateSettings(caller, accountId, ifMatch, request);
        return ResponseEntity.ok().eTag(Etags.of(updated.version())).body(updated.settings());
    }

    @GetMapping("/api/v1/accounts/{accountId}/margin")
    @Operation(operationId = "getMarginReport", summary = "A reseller's margin in a month (period=YYYY-MM): retail billed minus wholesale cost")
    MarginReport margin(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                        @RequestParam(required = false) String period) {
        return reports.margin(caller, accountId, period);
    }

    @GetMapping("/api/v1/accounts/{accountId}/commission-statements")
    @Operation(operationId = "listCommissionStatements", summary = "A commission reseller's monthly commission statements, newest first")
    Map<String, List<CommissionStatementView>> statements(@Parameter(hidden = true) Caller caller,
                                                          @PathVariable UUID accountId) {
        return Map.of("items", reports.commissionStatements(caller, accountId));
    }
}
