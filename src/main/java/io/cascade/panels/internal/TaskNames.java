package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceView;
import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.shared.Caller;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.NotFoundException;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** What a list of provisioning tasks names: the company of each task's account and each service's name. */
@Component
class TaskNames {
    private final AccountManagement accounts;
    private final ServiceCatalog catalog;

    TaskNames(AccountManagement accounts, ServiceCatalog catalog) {
        this.accounts = accounts;
        this.catalog = catalog;
    }

    /** The company names of the tasks' accounts (one read per distinct account of the page, at most a page's). */
    Map<UUID, String> accounts(Caller caller, Collection<ProvisioningTaskView> tasks) {
        Map<UUID, String> names = new HashMap<>();
        for (ProvisioningTaskView t : tasks) {
            names.computeIfAbsent(t.accountId(), id -> {
                try {
                    return (id.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, id))
                            .companyName();
                } catch (NotFoundException | ForbiddenException e) {
                    return "an account";
                }
            });
        }
        return names;
    }

    /** The services by id (the catalog's list as the viewer may see it). */
    Map<UUID, String> services(Caller caller) {
        Map<UUID, String> names = new HashMap<>();
        for (ServiceView s : catalog.list(caller)) {
            names.put(s.id(), s.name());
        }
        return names;
    }
}
