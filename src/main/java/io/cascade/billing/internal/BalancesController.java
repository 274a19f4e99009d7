package io.cascade.billing.internal;

import io.cascade.billing.api.AllocationRequest;
import io.cascade.billing.api.BalanceSummary;
import io.cascade.billing.api.Balances;
import io.cascade.billing.api.BuyerPaymentRequest;
import io.cascade.billing.api.CreditLimitRequest;
import io.cascade.billing.api.CreditLimitView;
import io.cascade.billing.api.CreditLimits;
import io.cascade.billing.api.InvoiceView;
import io.cascade.billing.api.PaymentView;
import io.cascade.billing.api.RefundRequest;
import io.cascade.billing.api.RefundView;
import io.cascade.billing.api.StatementView;
import io.cascade.billing.api.WriteOffRequest;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Balances (ADR 0027): payments of a buyer, allocations, refunds of credit, write-offs, statements of account. */
@RestController
@Tag(name = "Balances", description = "Payments, allocations, credit, refunds, write-offs and statements of account")
class BalancesController {
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final Balances balances;
    private final CreditLimits limits;

    BalancesController(Balances balances, CreditLimits limits) {
        this.balances = balances;
        this.limits = limits;
    }

    @GetMapping("/api/v1/accounts/{accountId}/buyers/{buyerId}/credit-limit")
    @Operation(operationId = "getCreditLimit", summary = "The buyer's credit limit with the issuer (null: none) and its balance")
    @ApiResponse(responseCode = "200", description = "The credit limit", headers = @Header(name = "ETag"))
    ResponseEntity<CreditLimitView> creditLimit(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                                @PathVariable UUID buyerId,
                                                @RequestParam(required = false) String currency) {
        CreditLimits.Versioned current = limits.get(caller, accountId, buyerId, currency);
        return ResponseEntity.ok().eTag(Etags.of(current.version())).body(current.limit());
    }

    @PutMapping("/api/v1/accounts/{accountId}/buyers/{buyerId}/credit-limit")
    @Operation(operationId = "setCreditLimit", summary = "Set the buyer's credit limit (limit null with currency removes it); "
            + "orders that would take its open balance above it are refused")
    @ApiResponse(responseCode = "200", description = "The credit limit", headers = @Header(name = "ETag"))
    ResponseEntity<CreditLimitView> setCreditLimit(@Parameter(hidden = true) Caller caller,
                                                   @PathVariable UUID accountId, @PathVariable UUID buyerId,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                   String ifMatch,
                                                   @RequestBody CreditLimitRequest request) {
        CreditLimits.Versioned updated = limits.set(caller, accountId, buyerId, ifMatch, request);
        return ResponseEntity.ok().eTag(Etags.of(updated.version())).body(updated.limit());
    }

    @GetMapping("/api/v1/accounts/{accountId}/balances")
    @Operation(operationId = "listBalances", summary = "The account's balances: as a buyer one per vendor (role=BUYER), as an "
            + "issuer one per buyer (role=ISSUER), or both")
    Map<String, List<BalanceSummary>> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                           @RequestParam(required = false) String role) {
        return Map.of("items", balances.balances(caller, accountId, role));
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/buyers/{buyerId}/statement",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getBuyerStatement", summary = "The issuer's statement of account with one buyer: invoices, credit notes, "
            + "payments, refunds and write-offs in date order with the running balance; with Accept: text/csv as CSV")
    StatementView buyerStatement(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                 @PathVariable UUID buyerId, @RequestParam(required = false) String currency) {
        return balances.statement(caller, accountId, buyerId, true, currency);
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/buyers/{buyerId}/statement", produces = "text/csv")
    @Operation(operationId = "getBuyerStatement", summary = "The issuer's statement of account with one buyer: invoices, credit notes, "
            + "payments, refunds and write-offs in date order with the running balance; with Accept: text/csv as CSV")
    ResponseEntity<String> buyerStatementCsv(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                             @PathVariable UUID buyerId,
                                             @RequestParam(required = false) String currency) {
        return csv(balances.statementCsv(caller, accountId, buyerId, true, currency), buyerId);
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/vendors/{vendorId}/statement",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getVendorStatement", summary = "The buyer's statement of account with a vendor that invoices it; with "
            + "Accept: text/csv as CSV")
    StatementView vendorStatement(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                  @PathVariable UUID vendorId, @RequestParam(required = false) String currency) {
        return balances.statement(caller, accountId, vendorId, false, currency);
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/vendors/{vendorId}/statement", produces = "text/csv")
    @Operation(operationId = "getVendorStatement", summary = "The buyer's statement of account with a vendor that invoices it; with "
            + "Accept: text/csv as CSV")
    ResponseEntity<String> vendorStatementCsv(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                              @PathVariable UUID vendorId,
                                              @RequestParam(required = false) String currency) {
        return csv(balances.statementCsv(caller, accountId, vendorId, false, currency), vendorId);
    }

    @GetMapping("/api/v1/accounts/{accountId}/buyers/{buyerId}/statement/pdf")
    @Operation(operationId = "getBuyerStatementPdf", summary = "The issuer's statement of account with one buyer as a PDF document")
    @ApiResponse(responseCode = "200", description = "The statement as PDF", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/pdf", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> buyerStatementPdf(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                             @PathVariable UUID buyerId,
                                             @RequestParam(required = false) String currency) {
        return pdf(balances.statementPdf(caller, accountId, buyerId, true, currency), buyerId);
    }

    @GetMapping("/api/v1/accounts/{accountId}/vendors/{vendorId}/statement/pdf")
    @Operation(operationId = "getVendorStatementPdf", summary = "The buyer's statement of account with a vendor as a PDF document")
    @ApiResponse(responseCode = "200", description = "The statement as PDF", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/pdf", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> vendorStatementPdf(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                              @PathVariable UUID vendorId,
                                              @RequestParam(required = false) String currency) {
        return pdf(balances.statementPdf(caller, accountId, vendorId, false, currency), vendorId);
    }

    @GetMapping("/api/v1/accounts/{accountId}/buyers/{buyerId}/payments")
    @Operation(operationId = "listBuyerPayments", summary = "The payments the issuer received from the buyer, newest first")
    Page<PaymentView> payments(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                               @PathVariable UUID buyerId, @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) String cursor) {
        return balances.payments(caller, accountId, buyerId, limit, cursor);
    }

    @PostMapping("/api/v1/accounts/{accountId}/buyers/{buyerId}/payments")
    @Operation(operationId = "recordBuyerPayment", summary = "Record a payment the issuer received from the buyer: allocated to the "
            + "buyer's open invoices oldest due first (or as allocations say), the rest is the buyer's credit")
    @ApiResponse(responseCode = "201", description = "The payment with its allocations", headers = @Header(name = "Location"))
    ResponseEntity<PaymentView> recordPayment(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                              @PathVariable UUID buyerId, @RequestBody BuyerPaymentRequest request) {
        PaymentView payment = balances.recordPayment(caller, accountId, buyerId, request);
        return ResponseEntity.created(URI.create("/api/v1/payments/" + payment.id())).body(payment);
    }

    @GetMapping("/api/v1/payments/{paymentId}")
    @Operation(operationId = "getPayment", summary = "One payment with its allocations (visible to both sides)")
    PaymentView payment(@Parameter(hidden = true) Caller caller, @PathVariable UUID paymentId) {
        return balances.payment(caller, paymentId);
    }

    @PostMapping("/api/v1/accounts/{accountId}/buyers/{buyerId}/refunds")
    @Operation(operationId = "refundCredit", summary = "Pay credit back to the buyer (at most its credit with the issuer)")
    @ApiResponse(responseCode = "201", description = "The refund")
    ResponseEntity<RefundView> refund(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                      @PathVariable UUID buyerId, @RequestBody RefundRequest request) {
        RefundView refund = balances.refund(caller, accountId, buyerId, request);
        return ResponseEntity.status(201).body(refund);
    }

    @PostMapping("/api/v1/invoices/{invoiceId}/allocations")
    @Operation(operationId = "allocateCredit", summary = "Pay an open invoice from the buyer's credit (default: as much as the "
            + "credit and the amount due allow)")
    InvoiceView allocate(@Parameter(hidden = true) Caller caller, @PathVariable UUID invoiceId,
                         @RequestBody(required = false) AllocationRequest request) {
        return balances.allocate(caller, invoiceId, request);
    }

    @PostMapping("/api/v1/invoices/{invoiceId}/unallocations")
    @Operation(operationId = "unallocatePayment", summary = "Take what was paid of an invoice back to the buyer's credit (default: "
            + "all of it)")
    InvoiceView unallocate(@Parameter(hidden = true) Caller caller, @PathVariable UUID invoiceId,
                           @RequestBody(required = false) AllocationRequest request) {
        return balances.unallocate(caller, invoiceId, request);
    }

    @PostMapping("/api/v1/invoices/{invoiceId}/write-off")
    @Operation(operationId = "writeOffInvoice", summary = "Write off what is still due of an open invoice, with a reason: it "
            + "becomes UNCOLLECTIBLE")
    InvoiceView writeOff(@Parameter(hidden = true) Caller caller, @PathVariable UUID invoiceId,
                         @RequestBody WriteOffRequest request) {
        return balances.writeOff(caller, invoiceId, request);
    }

    private static ResponseEntity<byte[]> pdf(byte[] body, UUID counterparty) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"statement-" + counterparty + ".pdf\"")
                .body(body);
    }

    private static ResponseEntity<String> csv(String body, UUID counterparty) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statement-" + counterparty + ".csv\"")
                .body(body);
    }
}
