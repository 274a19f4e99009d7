package io.cascade.payments.internal;

import io.cascade.payments.api.BankStatementView;
import io.cascade.payments.api.BankStatements;
import io.cascade.payments.api.StatementEntryAssignment;
import io.cascade.payments.api.StatementEntryIgnoring;
import io.cascade.payments.api.StatementEntryView;
import io.cascade.shared.Caller;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Bank statements: imports (camt.053 or CSV), their entries, the issuer's unmatched queue, assign and ignore. */
@RestController
@Tag(name = "Bank statements", description = "Bank statements imported and matched to open invoices; the unmatched queue")
class BankStatementController {
    private final BankStatements statements;

    BankStatementController(BankStatements statements) {
        this.statements = statements;
    }

    @PostMapping(path = "/api/v1/accounts/{accountId}/bank-statements",
            consumes = {"application/xml", "text/xml", "text/csv"})
    @Operation(operationId = "importBankStatement", summary = "Import a bank statement of the issuer: ISO 20022 camt.053 XML "
            + "(any version) or CSV (header booking_date,amount,currency,counterparty_name,counterparty_iban,remittance,"
            + "bank_reference); booked credits are matched to open invoices and recorded as payments, the rest waits in the "
            + "unmatched queue; entries imported before are skipped as duplicates")
    @ApiResponse(responseCode = "201", description = "The statement with what the import did", headers = @Header(name = "Location"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
            @Content(mediaType = "application/xml", schema = @Schema(type = "string")),
            @Content(mediaType = "text/xml", schema = @Schema(type = "string")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    ResponseEntity<BankStatementView> importStatement(@Parameter(hidden = true) Caller caller,
                                                      @PathVariable UUID accountId,
                                                      @RequestParam(required = false) String fileName,
                                                      @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
                                                      @RequestBody byte[] file) {
        MediaType type = MediaType.parseMediaType(contentType);
        Charset charset = type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
        boolean xml = type.getSubtype().equals("xml");
        BankStatementView imported = statements.importStatement(caller, accountId, new String(file, charset), xml,
                fileName);
        return ResponseEntity.created(URI.create("/api/v1/bank-statements/" + imported.id())).body(imported);
    }

    @GetMapping("/api/v1/accounts/{accountId}/bank-statements")
    @Operation(operationId = "listBankStatements", summary = "The issuer's imported bank statements, newest first")
    Page<BankStatementView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor) {
        return statements.statements(caller, accountId, limit, cursor);
    }

    @GetMapping("/api/v1/bank-statements/{statementId}")
    @Operation(operationId = "getBankStatement", summary = "One imported bank statement with what its import did")
    BankStatementView get(@Parameter(hidden = true) Caller caller, @PathVariable UUID statementId) {
        return statements.statement(caller, statementId);
    }

    @GetMapping("/api/v1/bank-statements/{statementId}/entries")
    @Operation(operationId = "listBankStatementEntries", summary = "A statement's entries in file order, optionally of one status")
    Page<StatementEntryView> entries(@Parameter(hidden = true) Caller caller, @PathVariable UUID statementId,
                                     @RequestParam(required = false) String status,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(required = false) String cursor) {
        return statements.entries(caller, statementId, status, limit, cursor);
    }

    @GetMapping("/api/v1/accounts/{accountId}/bank-entries")
    @Operation(operationId = "listBankEntries", summary = "The issuer's bank statement entries of one status across its "
            + "statements, oldest booking day first; default UNMATCHED: the queue a person assigns or ignores")
    Page<StatementEntryView> queue(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                   @RequestParam(required = false) String status,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String cursor) {
        return statements.queue(caller, accountId, status, limit, cursor);
    }

    @GetMapping("/api/v1/bank-entries/{entryId}")
    @Operation(operationId = "getBankEntry", summary = "One bank statement entry")
    StatementEntryView entry(@Parameter(hidden = true) Caller caller, @PathVariable UUID entryId) {
        return statements.entry(caller, entryId);
    }

    @PostMapping("/api/v1/bank-entries/{entryId}/assign")
    @Operation(operationId = "assignBankEntry", summary = "Assign an unmatched credit to a buyer of the issuer (optionally to "
            + "its invoices): the payment is recorded")
    StatementEntryView assign(@Parameter(hidden = true) Caller caller, @PathVariable UUID entryId,
                              @RequestBody StatementEntryAssignment request) {
        return statements.assign(caller, entryId, request);
    }

    @PostMapping("/api/v1/bank-entries/{entryId}/ignore")
    @Operation(operationId = "ignoreBankEntry", summary = "Mark an unmatched entry as not a payment to record, with the reason")
    StatementEntryView ignore(@Parameter(hidden = true) Caller caller, @PathVariable UUID entryId,
                              @RequestBody StatementEntryIgnoring request) {
        return statements.ignore(caller, entryId, request);
    }
}
