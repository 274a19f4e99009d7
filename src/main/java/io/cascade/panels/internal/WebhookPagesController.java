package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.messages.api.NewWebhookEndpoint;
import io.cascade.messages.api.WebhookDeliveryView;
import io.cascade.messages.api.WebhookEndpointUpdate;
import io.cascade.messages.api.WebhookEndpointView;
import io.cascade.messages.api.Webhooks;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Page;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.UUID;

/**
 * An account's webhook endpoints through {@code messages.api.Webhooks}: the list with a form to register one (its
 * secret shown on that answer only), an endpoint's page to change, rotate the secret of or remove it, and its delivery
 * log with a redeliver button per delivery. The service checks scope and privileges and audits every change.
 */
@Controller
class WebhookPagesController {
    static final int PAGE = 50;

    private final Webhooks webhooks;
    private final AccountManagement accounts;

    WebhookPagesController(Webhooks webhooks, AccountManagement accounts) {
        this.webhooks = webhooks;
        this.accounts = accounts;
    }

    record EndpointForm(String url, String description, List<String> eventTypes, String enabled, String version) {
    }

    @GetMapping("/panel/accounts/{accountId}/webhooks")
    String list(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String cursor,
                Model model) {
        return listPage(viewer, accountId, cursor, model, new EndpointForm(null, null, List.of(), "on", null),
                errors());
    }

    @PostMapping("/panel/accounts/{accountId}/webhooks")
    String create(Viewer viewer, @PathVariable UUID accountId, EndpointForm form, Model model,
                  HttpServletResponse response) {
        FormErrors errors = errors();
        try {
            WebhookEndpointView created = webhooks.create(viewer.caller(), accountId, new NewWebhookEndpoint(
                    AccountForm.text(form.url()), AccountForm.text(form.description()), types(form), true));
            model.addAttribute("created", created); // the secret: on this answer only, never kept in the session
            form = new EndpointForm(null, null, List.of(), "on", null);
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return listPage(viewer, accountId, null, model, form, errors);
    }

    @GetMapping("/panel/accounts/{accountId}/webhooks/{endpointId}")
    String endpoint(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID endpointId,
                    @RequestParam(required = false) String cursor, Model model) {
        WebhookEndpointView endpoint = webhooks.get(viewer.caller(), accountId, endpointId);
        return detailPage(viewer, endpoint, cursor, model, form(endpoint), errors());
    }

    @PostMapping("/panel/accounts/{accountId}/webhooks/{endpointId}")
    String update(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID endpointId, EndpointForm form,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = errors();
        try {
            String ifMatch = form.version() == null ? null : Etags.of(Long.parseLong(form.version()));
            webhooks.update(viewer.caller(), accountId, endpointId, ifMatch, current -> new WebhookEndpointUpdate(
                    AccountForm.text(form.url()), AccountForm.text(form.description()), types(form),
                    form.enabled() != null));
            redirect.addFlashAttribute("notice", "The endpoint has been saved.");
            return "redirect:/panel/accounts/" + accountId + "/webhooks/" + endpointId;
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        } catch (PreconditionFailedException | NumberFormatException e) {
            response.setStatus(412);
            errors.general("The endpoint was changed meanwhile (or the form was altered); reload the page.");
        }
        return detailPage(viewer, webhooks.get(viewer.caller(), accountId, endpointId), null, model, form, errors);
    }

    @PostMapping("/panel/accounts/{accountId}/webhooks/{endpointId}/rotate-secret")
    String rotate(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID endpointId, Model model) {
        WebhookEndpointView rotated = webhooks.rotateSecret(viewer.caller(), accountId, endpointId);
        model.addAttribute("created", rotated);
        return detailPage(viewer, rotated, null, model, form(rotated), errors());
    }

    @PostMapping("/panel/accounts/{accountId}/webhooks/{endpointId}/delete")
    String delete(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID endpointId,
                  RedirectAttributes redirect) {
        WebhookEndpointView endpoint = webhooks.get(viewer.caller(), accountId, endpointId);
        webhooks.delete(viewer.caller(), accountId, endpointId);
        redirect.addFlashAttribute("notice", "Removed the endpoint " + endpoint.url() + ".");
        return "redirect:/panel/accounts/" + accountId + "/webhooks";
    }

    @PostMapping("/panel/accounts/{accountId}/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver")
    String redeliver(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID endpointId,
                     @PathVariable UUID deliveryId, RedirectAttributes redirect) {
        WebhookDeliveryView delivery = webhooks.redeliver(viewer.caller(), accountId, endpointId, deliveryId);
        redirect.addFlashAttribute("notice", "The " + delivery.eventType() + " delivery will be sent again shortly.");
        return "redirect:/panel/accounts/" + accountId + "/webhooks/" + endpointId;
    }

    private String listPage(Viewer viewer, UUID accountId, String cursor, Model model, EndpointForm form,
                            FormErrors errors) {
        Caller caller = viewer.caller();
        Page<WebhookEndpointView> page = webhooks.list(caller, accountId, PAGE, cursor);
        model.addAttribute("account", account(caller, accountId));
        model.addAttribute("endpoints", page);
        model.addAttribute("cursor", cursor);
        model.addAttribute("eventTypes", webhooks.eventTypes());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "webhooks");
        return "panel/webhooks";
    }

    private String detailPage(Viewer viewer, WebhookEndpointView endpoint, String cursor, Model model,
                              EndpointForm form, FormErrors errors) {
        Caller caller = viewer.caller();
        model.addAttribute("account", account(caller, endpoint.accountId()));
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("deliveries", webhooks.deliveries(caller, endpoint.accountId(), endpoint.id(), PAGE,
                cursor));
        model.addAttribute("cursor", cursor);
        model.addAttribute("eventTypes", webhooks.eventTypes());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "webhooks");
        return "panel/webhook";
    }

    private AccountView account(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }

    private static EndpointForm form(WebhookEndpointView endpoint) {
        return new EndpointForm(endpoint.url(), endpoint.description(), endpoint.eventTypes(),
                endpoint.enabled() ? "on" : null, Long.toString(endpoint.version()));
    }

    private static List<String> types(EndpointForm form) {
        return form.eventTypes() == null ? List.of() : form.eventTypes();
    }

    private static FormErrors errors() {
        return new FormErrors(List.of("url", "description", "eventTypes", "enabled"));
    }
}
