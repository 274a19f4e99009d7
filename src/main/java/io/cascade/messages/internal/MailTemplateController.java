package io.cascade.messages.internal;

import io.cascade.messages.api.MailKindView;
import io.cascade.messages.api.MailSender;
import io.cascade.messages.api.MailSenderView;
import io.cascade.messages.api.MailTemplateManagement;
import io.cascade.messages.api.MailTemplateParts;
import io.cascade.messages.api.MailTemplateView;
import io.cascade.messages.api.RenderedPreview;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@Tag(name = "Mail templates", description = "A vendor's own versions of the mail it sends its customers and users, "
        + "per kind and language, and the sender its mail comes from")
class MailTemplateController {
    private static final String TEMPLATE = "/api/v1/accounts/{accountId}/mail-templates/{kind}/{language}";

    private final MailTemplateManagement templates;

    MailTemplateController(MailTemplateManagement templates) {
        this.templates = templates;
    }

    @GetMapping("/api/v1/accounts/{accountId}/mail-templates")
    @Operation(operationId = "listMailTemplates", summary = "The mail kinds the account issues, with per language "
            + "whether it overrides the default (ACCOUNTS_READ or SETTINGS_MANAGE; a vendor's account only)")
    Map<String, List<MailKindView>> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        return Map.of("items", templates.kinds(caller, accountId));
    }

    @GetMapping(TEMPLATE)
    @Operation(operationId = "getMailTemplate", summary = "One kind's template in one language (en, de): the "
            + "account's override, the default, what is sent, and the placeholders it may use")
    @ApiResponse(responseCode = "200", description = "The template", headers = @Header(name = "ETag"))
    ResponseEntity<MailTemplateView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                         @PathVariable String kind, @PathVariable String language) {
        return versioned(templates.template(caller, accountId, kind, language));
    }

    @PutMapping(TEMPLATE)
    @Operation(operationId = "overrideMailTemplate", summary = "Override the subject, text and HTML body (parts left "
            + "out keep the default); checked first, nothing saved when a part is bad (SETTINGS_MANAGE; If-Match with "
            + "the ETag guards against lost updates)")
    @ApiResponse(responseCode = "200", description = "The template with its override", headers = @Header(name = "ETag"))
    ResponseEntity<MailTemplateView> override(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                              @PathVariable String kind, @PathVariable String language,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                              String ifMatch,
                                              @RequestBody MailTemplateParts parts) {
        return versioned(templates.override(caller, accountId, kind, language, ifMatch, parts));
    }

    @DeleteMapping(TEMPLATE)
    @Operation(operationId = "resetMailTemplate", summary = "Remove the override: the default applies again "
            + "(SETTINGS_MANAGE)")
    @ApiResponse(responseCode = "200", description = "The template, now the default", headers = @Header(name = "ETag"))
    ResponseEntity<MailTemplateView> reset(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                           @PathVariable String kind, @PathVariable String language,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                           String ifMatch) {
        return versioned(templates.reset(caller, accountId, kind, language, ifMatch));
    }

    @PostMapping(TEMPLATE + "/preview")
    @Operation(operationId = "previewMailTemplate", summary = "Render the template with sample data as the account "
            + "would send it: the parts given (checked, not saved), else its override, else the default")
    @ApiResponse(responseCode = "200", description = "The rendered subject, text and HTML")
    RenderedPreview preview(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                            @PathVariable String kind, @PathVariable String language,
                            @RequestBody(required = false) MailTemplateParts draft) {
        return templates.preview(caller, accountId, kind, language, draft);
    }

    @GetMapping("/api/v1/accounts/{accountId}/mail-sender")
    @Operation(operationId = "getMailSender", summary = "Who the account's mail is from: its own sender when "
            + "configured, else the platform's address with its name and Reply-To its contact address")
    @ApiResponse(responseCode = "200", description = "The sender", headers = @Header(name = "ETag"))
    ResponseEntity<MailSenderView> sender(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        return versioned(templates.sender(caller, accountId));
    }

    @PutMapping("/api/v1/accounts/{accountId}/mail-sender")
    @Operation(operationId = "updateMailSender", summary = "Set the account's own sender address and name "
            + "(SETTINGS_MANAGE; If-Match with the ETag guards against lost updates)")
    @ApiResponse(responseCode = "200", description = "The sender", headers = @Header(name = "ETag"))
    ResponseEntity<MailSenderView> updateSender(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                String ifMatch,
                                                @RequestBody MailSender sender) {
        return versioned(templates.updateSender(caller, accountId, ifMatch, sender));
    }

    @DeleteMapping("/api/v1/accounts/{accountId}/mail-sender")
    @Operation(operationId = "resetMailSender", summary = "Remove the account's own sender: the platform's address "
            + "with its name applies again (SETTINGS_MANAGE)")
    @ApiResponse(responseCode = "200", description = "The sender, now the platform's", headers = @Header(name = "ETag"))
    ResponseEntity<MailSenderView> resetSender(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                               String ifMatch) {
        return versioned(templates.resetSender(caller, accountId, ifMatch));
    }

    private static ResponseEntity<MailTemplateView> versioned(MailTemplateView view) {
        return ResponseEntity.ok().eTag(Etags.of(view.version())).body(view);
    }

    private static ResponseEntity<MailSenderView> versioned(MailSenderView view) {
        return ResponseEntity.ok().eTag(Etags.of(view.version())).body(view);
    }
}
