package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.assets.api.SimImportManagement;
import io.cascade.assets.api.SimImportView;
import io.cascade.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.UUID;

/**
 * The progress of a SIM import from an uploaded file ({@code SimImportManagement}): while it runs, htmx asks for the
 * progress part again every second and swaps it in; at the end it shows how many SIMs were imported, or each bad line
 * when nothing was.
 */
@Controller
class SimImportPagesController {
    private final SimImportManagement imports;
    private final AccountManagement accounts;

    SimImportPagesController(SimImportManagement imports, AccountManagement accounts) {
        this.imports = imports;
        this.accounts = accounts;
    }

    @GetMapping("/panel/sim-imports/{importId}")
    String progress(Viewer viewer, @PathVariable UUID importId, HttpServletRequest request, Model model) {
        Caller caller = viewer.caller();
        SimImportView found = imports.get(caller, importId);
        model.addAttribute("run", found);
        if (Htmx.wantsFragment(request)) {
            return "panel/sim-import :: progress";
        }
        model.addAttribute("account", found.ownerId().equals(caller.accountId()) ? accounts.own(caller)
                : accounts.get(caller, found.ownerId()));
        model.addAttribute("tab", "sims");
        return "panel/sim-import";
    }
}
