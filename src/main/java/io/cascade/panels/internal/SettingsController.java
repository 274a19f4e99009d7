package io.cascade.panels.internal;

import io.cascade.accounts.api.PlatformSettings;
import io.cascade.accounts.api.ResellerModel;
import io.cascade.accounts.api.ResellerSettings;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The platform's reseller settings (which reseller models exist, how deep resellers nest): the provider's page. */
@Controller
class SettingsController {
    private final PlatformSettings settings;

    SettingsController(PlatformSettings settings) {
        this.settings = settings;
    }

    record SettingsForm(List<String> enabledResellerModels, String maxResellerDepth, String version) {
    }

    @GetMapping("/panel/settings")
    String page(Viewer viewer, Model model) {
        PlatformSettings.Versioned current = settings.resellerSettings();
        return page(model, new SettingsForm(current.settings().enabledResellerModels().stream().map(Enum::name)
                        .toList(), current.settings().maxResellerDepth().toString(), Long.toString(current.version())),
                errors());
    }

    @PostMapping("/panel/settings")
    String save(Viewer viewer, SettingsForm form, Model model, HttpServletResponse response,
                RedirectAttributes redirect) {
        FormErrors errors = errors();
        try {
            Set<ResellerModel> models = EnumSet.noneOf(ResellerModel.class);
            if (form.enabledResellerModels() != null) {
                for (String name : form.enabledResellerModels()) {
                    models.add(ResellerModel.valueOf(name));
                }
            }
            Integer depth = parseDepth(form.maxResellerDepth());
            String ifMatch = form.version() == null ? null : Etags.of(Long.parseLong(form.version()));
            settings.updateResellerSettings(viewer.caller(), ifMatch, current -> new ResellerSettings(models, depth));
            redirect.addFlashAttribute("notice", "The reseller settings have been saved.");
            return "redirect:/panel/settings";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        } catch (PreconditionFailedException | IllegalArgumentException e) {
            response.setStatus(412);
            errors.general("The settings were changed meanwhile (or the form was altered); reload the page.");
        }
        return page(model, form, errors);
    }

    private static Integer parseDepth(String value) {
        String text = AccountForm.text(value);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("maxResellerDepth", "must be a whole number");
        }
    }

    private String page(Model model, SettingsForm form, FormErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("models", ResellerModel.values());
        model.addAttribute("errors", errors);
        return "panel/settings";
    }

    private static FormErrors errors() {
        return new FormErrors(List.of("enabledResellerModels", "maxResellerDepth"));
    }
}
