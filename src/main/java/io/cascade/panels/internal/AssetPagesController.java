package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountQuery;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.assets.api.AssetManagement;
import io.cascade.assets.api.AssetQuery;
import io.cascade.assets.api.AssetState;
import io.cascade.assets.api.AssetView;
import io.cascade.assets.api.AssignRequest;
import io.cascade.assets.api.BatchResult;
import io.cascade.assets.api.ImportReport;
import io.cascade.assets.api.NewSim;
import io.cascade.assets.api.SimImportManagement;
import io.cascade.assets.api.SimImportView;
import io.cascade.assets.api.UnassignRequest;
import io.cascade.identity.api.CustomerUserManagement;
import io.cascade.identity.api.CustomerUserView;
import io.cascade.identity.api.NewCustomerUser;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SIM cards and customer users, through {@code AssetManagement} and {@code CustomerUserManagement}: an account's SIMs
 * (searched by number prefix, state and customer, 50 per page), adding one, importing a CSV, assigning SIMs to a
 * customer and taking them back; a vendor's customer users and the customers each may see.
 */
@Controller
class AssetPagesController {
    private final AssetManagement assets;
    private final SimImportManagement simImports;
    private final CustomerUserManagement customerUsers;
    private final AccountManagement accounts;

    AssetPagesController(AssetManagement assets, CustomerUserManagement customerUsers, AccountManagement accounts,
                         SimImportManagement simImports) {
        this.assets = assets;
        this.simImports = simImports;
        this.customerUsers = customerUsers;
        this.accounts = accounts;
    }

    record SimFilters(String iccid, String msisdn, String state, String customer, String cursor) {
    }

    @GetMapping("/panel/accounts/{accountId}/sims")
    String sims(Viewer viewer, @PathVariable UUID accountId, SimFilters filters, Model model) {
        return simsPage(viewer, accountId, filters, model, new FormErrors(List.of("iccid", "imsi", "msisdn")),
                new FormErrors(List.of("csv")), new FormErrors(List.of("customerId", "assetIds")));
    }

    @PostMapping("/panel/accounts/{accountId}/sims")
    String add(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params, Model model,
               HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = new FormErrors(List.of("iccid", "imsi", "msisdn"));
        try {
            AssetView sim = assets.create(viewer.caller(), accountId, new NewSim(AccountForm.text(params.get("iccid")),
                    AccountForm.text(params.get("imsi")), AccountForm.text(params.get("msisdn"))));
            redirect.addFlashAttribute("notice", "Added the SIM " + sim.iccid() + ".");
            return "redirect:/panel/accounts/" + accountId + "/sims";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        model.addAttribute("typed", params);
        return simsPage(viewer, accountId, blank(), model, errors, new FormErrors(List.of("csv")),
                new FormErrors(List.of("customerId", "assetIds")));
    }

    @PostMapping("/panel/accounts/{accountId}/sims/import")
    String importCsv(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String csv,
                     @RequestParam(required = false) MultipartFile file,
                     @RequestParam(required = false) String goodRows, Model model, HttpServletResponse response,
                     RedirectAttributes redirect) throws IOException {
        FormErrors errors = new FormErrors(List.of("csv"));
        boolean uploaded = file != null && !file.isEmpty();
        try {
            if (uploaded) { // in the background, with its progress on its own page
                SimImportView started = simImports.start(viewer.caller(), accountId,
                        new String(file.getBytes(), StandardCharsets.UTF_8), file.getOriginalFilename(),
                        "true".equals(goodRows));
                return "redirect:/panel/sim-imports/" + started.id();
            }
            ImportReport report = assets.importCsv(viewer.caller(), accountId, csv == null ? "" : csv,
                    "true".equals(goodRows));
            redirect.addFlashAttribute("notice", "Imported " + report.imported() + " of " + report.rows() + " SIMs"
                    + (report.rejected().isEmpty() ? "." : "; left out: " + report.rejected().stream()
                    .map(r -> "line " + r.line() + " (" + r.message() + ")").distinct()
                    .collect(java.util.stream.Collectors.joining(", ")) + "."));
            return "redirect:/panel/accounts/" + accountId + "/sims";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.add("csv", e.getMessage());
            if (e instanceof RuleViolationException rule && rule.properties().get("rejected") instanceof List<?> rows) {
                model.addAttribute("rejected", rows);
            }
            if (e instanceof InvalidInputException invalid) {
                errors = new FormErrors(List.of("csv"));
                for (var p : invalid.problems()) {
                    errors.add("csv", p.message());
                }
            }
        }
        model.addAttribute("csv", uploaded ? null : csv);
        return simsPage(viewer, accountId, blank(), model, new FormErrors(List.of("iccid", "imsi", "msisdn")), errors,
                new FormErrors(List.of("customerId", "assetIds")));
    }

    @PostMapping("/panel/accounts/{accountId}/sims/{action:assign|unassign}")
    String assign(Viewer viewer, @PathVariable UUID accountId, @PathVariable String action,
                  @RequestParam(required = false) List<String> assetIds,
                  @RequestParam(required = false) String customerId, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        FormErrors errors = new FormErrors(List.of("customerId", "assetIds"));
        try {
            List<UUID> ids = new ArrayList<>();
            for (String id : assetIds == null ? List.<String>of() : assetIds) {
                ids.add(UUID.fromString(id));
            }
            UUID customer = AccountForm.text(customerId) == null ? null : UUID.fromString(customerId);
            BatchResult result = action.equals("assign")
                    ? assets.assignBatch(viewer.caller(), accountId, new AssignRequest(customer, ids))
                    : assets.unassignBatch(viewer.caller(), accountId, new UnassignRequest(ids));
            redirect.addFlashAttribute("notice", (action.equals("assign") ? "Assigned " : "Took back ")
                    + result.count() + " SIMs" + (result.activated() != null && result.activated() > 0
                    ? "; " + result.activated() + " connected to the customer's iot subscription." : "."));
            return "redirect:/panel/accounts/" + accountId + "/sims";
        } catch (IllegalArgumentException e) {
            response.setStatus(400);
            errors.general("Choose SIMs and a customer from the lists.");
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return simsPage(viewer, accountId, blank(), model, new FormErrors(List.of("iccid", "imsi", "msisdn")),
                new FormErrors(List.of("csv")), errors);
    }

    private static SimFilters blank() {
        return new SimFilters(null, null, null, null, null);
    }

    private String simsPage(Viewer viewer, UUID accountId, SimFilters filters, Model model, FormErrors addErrors,
                            FormErrors importErrors, FormErrors assignErrors) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, accountId);
        FormErrors filterErrors = new FormErrors(List.of("iccid", "msisdn", "state", "customerId"));
        AssetState state = null;
        UUID customer = null;
        try {
            state = AccountForm.text(filters.state()) == null ? null : AssetState.valueOf(filters.state());
            customer = AccountForm.text(filters.customer()) == null ? null : UUID.fromString(filters.customer());
        } catch (IllegalArgumentException e) {
            filterErrors.general("Choose a state and a customer from the lists.");
        }
        Page<AssetView> page;
        try {
            page = assets.list(caller, accountId, new AssetQuery(AccountForm.text(filters.iccid()),
                    AccountForm.text(filters.msisdn()), state, customer, 50, filters.cursor()));
        } catch (InvalidInputException e) {
            filterErrors.from(e);
            page = new Page<>(List.of(), null);
        }
        List<AccountView> customers = customersOf(caller, account);
        Map<UUID, String> names = new HashMap<>();
        customers.forEach(c -> names.put(c.id(), c.companyName()));
        if (account.type() == AccountType.CUSTOMER) {
            names.put(account.id(), account.companyName());
        }
        model.addAttribute("account", account);
        model.addAttribute("sims", page);
        model.addAttribute("filters", filters);
        model.addAttribute("filterErrors", filterErrors);
        model.addAttribute("states", AssetState.values());
        model.addAttribute("customers", customers);
        model.addAttribute("names", names);
        boolean owner = account.type() != AccountType.CUSTOMER && caller.has(Privilege.ASSETS_MANAGE)
                && caller.covers(account.path());
        model.addAttribute("manage", owner);
        boolean standard = AccountManagement.standardAccount(account) && caller.has(Privilege.ASSETS_MANAGE);
        model.addAttribute("assignable", (owner || standard) && caller.isOwnStaffOf(account.id()));
        model.addAttribute("resellers", owner ? SimActionPagesController.resellersOf(caller, accounts, account)
                : List.of());
        model.addAttribute("addErrors", addErrors);
        model.addAttribute("importErrors", importErrors);
        model.addAttribute("assignErrors", assignErrors);
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of());
        }
        model.addAttribute("tab", "sims");
        return "panel/sims";
    }

    // ---- customer users -------------------------------------------------------------------------------------

    @GetMapping("/panel/accounts/{accountId}/customer-users")
    String customerUsers(Viewer viewer, @PathVariable UUID accountId, Model model) {
        return customerUsersPage(viewer, accountId, model, Map.of(), List.of(), errorsOfCustomerUser());
    }

    @PostMapping("/panel/accounts/{accountId}/customer-users")
    String createCustomerUser(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params,
                              @RequestParam(required = false) List<String> customerIds, Model model,
                              HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = errorsOfCustomerUser();
        List<String> chosen = customerIds == null ? List.of() : customerIds;
        try {
            List<UUID> ids = new ArrayList<>();
            for (String id : chosen) {
                ids.add(UUID.fromString(id));
            }
            CustomerUserView created = customerUsers.create(viewer.caller(), accountId, new NewCustomerUser(
                    AccountForm.text(params.get("email")), AccountForm.text(params.get("name")),
                    AccountForm.text(params.get("password")), ids));
            if (created.invitationToken() != null) {
                model.addAttribute("invited", created);
                return customerUsersPage(viewer, accountId, model, Map.of(), List.of(), errorsOfCustomerUser());
            }
            redirect.addFlashAttribute("notice", "Created the customer user " + created.email() + ".");
            return "redirect:/panel/accounts/" + accountId + "/customer-users";
        } catch (IllegalArgumentException e) {
            response.setStatus(400);
            errors.add("customerIds", "choose customers from the list");
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        Map<String, String> typed = new HashMap<>(params);
        typed.remove("password");
        return customerUsersPage(viewer, accountId, model, typed, chosen, errors);
    }

    @GetMapping("/panel/customer-users/{userId}")
    String customerUser(Viewer viewer, @PathVariable UUID userId, Model model) {
        CustomerUserView user = customerUsers.get(viewer.caller(), userId);
        return customerUserPage(viewer, user, model, null, errorsOfEdit());
    }

    /** Saves name, status and customers, guarded by the version the page showed. */
    @PostMapping("/panel/customer-users/{userId}")
    String updateCustomerUser(Viewer viewer, @PathVariable UUID userId, @RequestParam Map<String, String> params,
                              @RequestParam(required = false) List<String> customerIds, Model model,
                              HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = errorsOfEdit();
        List<String> chosen = customerIds == null ? List.of() : customerIds;
        try {
            List<UUID> ids = new ArrayList<>();
            for (String id : chosen) {
                ids.add(UUID.fromString(id));
            }
            String version = AccountForm.text(params.get("version"));
            CustomerUserView changed = customerUsers.update(viewer.caller(), userId,
                    version == null ? null : io.cascade.shared.Etags.of(Long.parseLong(version)),
                    current -> new io.cascade.identity.api.CustomerUserUpdate(AccountForm.text(params.get("name")),
                            params.getOrDefault("status", current.status()), ids));
            redirect.addFlashAttribute("notice", "Saved the customer user " + changed.email() + " ("
                    + changed.status().name().toLowerCase() + ").");
            return "redirect:/panel/accounts/" + changed.accountId() + "/customer-users";
        } catch (IllegalArgumentException e) {
            response.setStatus(400);
            errors.add("customerIds", "choose customers from the list");
        } catch (InvalidInputException | RuleViolationException | ForbiddenException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value()
                    : e instanceof ForbiddenException ? 403 : 422);
            errors.from(e);
        }
        return customerUserPage(viewer, customerUsers.get(viewer.caller(), userId), model,
                new Typed(params.get("name"), params.get("status"), chosen), errors);
    }

    @PostMapping("/panel/customer-users/{userId}/remove")
    String removeCustomerUser(Viewer viewer, @PathVariable UUID userId, Model model, HttpServletResponse response,
                              RedirectAttributes redirect) {
        CustomerUserView user = customerUsers.get(viewer.caller(), userId);
        try {
            customerUsers.remove(viewer.caller(), userId);
            redirect.addFlashAttribute("notice", "Removed the customer user " + user.email() + ".");
            return "redirect:/panel/accounts/" + user.accountId() + "/customer-users";
        } catch (RuleViolationException | ForbiddenException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 403);
            FormErrors errors = errorsOfEdit();
            errors.general(e.getMessage());
            return customerUserPage(viewer, user, model, null, errors);
        }
    }

    /** What was typed into the edit form, shown again with the service's problems. */
    record Typed(String name, String status, List<String> customerIds) {
    }

    private String customerUserPage(Viewer viewer, CustomerUserView user, Model model, Typed typed,
                                    FormErrors errors) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, user.accountId());
        List<AccountView> customers = customersOf(caller, account);
        Map<UUID, String> names = new HashMap<>();
        customers.forEach(c -> names.put(c.id(), c.companyName()));
        model.addAttribute("account", account);
        model.addAttribute("user", user);
        model.addAttribute("customers", customers);
        model.addAttribute("names", names);
        model.addAttribute("typed", typed != null ? typed : new Typed(user.name(), user.status().name(),
                user.customerIds().stream().map(UUID::toString).toList()));
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "customer-users");
        return "panel/customer-user";
    }

    private static FormErrors errorsOfEdit() {
        return new FormErrors(List.of("name", "status", "customerIds"));
    }

    private String customerUsersPage(Viewer viewer, UUID accountId, Model model, Map<String, String> typed,
                                     List<String> chosen, FormErrors errors) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, accountId);
        List<AccountView> customers = customersOf(caller, account);
        Map<UUID, String> names = new HashMap<>();
        customers.forEach(c -> names.put(c.id(), c.companyName()));
        model.addAttribute("account", account);
        model.addAttribute("users", customerUsers.list(caller, accountId, 100, null).items());
        model.addAttribute("customers", customers);
        model.addAttribute("names", names);
        model.addAttribute("typed", typed);
        model.addAttribute("chosen", chosen);
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "customer-users");
        return "panel/customer-users";
    }

    private static FormErrors errorsOfCustomerUser() {
        return new FormErrors(List.of("email", "name", "password", "customerIds"));
    }

    /** The account's direct customers the viewer may see (the first 100, for choosing). */
    private List<AccountView> customersOf(Caller caller, AccountView account) {
        if ((account.type() == AccountType.CUSTOMER && !AccountManagement.standardAccount(account))
                || !caller.has(Privilege.ACCOUNTS_READ)) {
            return List.of();
        }
        try {
            return accounts.list(caller, new AccountQuery(account.id(), AccountType.CUSTOMER, null, null, true, 100,
                    null)).items().stream().filter(c -> c.status() != AccountStatus.TERMINATED).toList();
        } catch (NotFoundException | ForbiddenException e) {
            return List.of();
        }
    }

    private AccountView load(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }
}
