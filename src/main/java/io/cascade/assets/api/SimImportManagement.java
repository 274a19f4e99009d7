package io.cascade.assets.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.assets.internal.SimImportRunner;
import io.cascade.assets.internal.SimImports;
import io.cascade.platform.api.Jobs;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.UUID;

/**
 * SIM imports from an uploaded file that run in the background, for the panel to follow (a file of 10,000 SIMs is
 * checked and written in a few seconds): the same format, checks and all-or-none rule as
 * {@link AssetManagement#importCsv}, run by the job {@code sim-import}; {@link #get} shows how far it is. Started by
 * the inventory's staff (ASSETS_MANAGE over a reseller or the provider), read with ASSETS_READ over the inventory
 * (404 outside the caller's subtree).
 */
@Service
public class SimImportManagement {
    /** The largest file the panel takes (well above 100,000 rows of ICCID, IMSI and MSISDN). */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private final SimImports imports;
    private final AccountScope scope;
    private final Jobs jobs;
    private final Clock clock;

    SimImportManagement(SimImports imports, AccountScope scope, Jobs jobs, Clock clock) {
        this.imports = imports;
        this.scope = scope;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Records the import with its file and has the job engine run it after the commit. */
    @Transactional
    public SimImportView start(Caller caller, UUID accountId, String csv, String fileName, boolean goodRows) {
        ScopedAccount owner = scope.require(caller, accountId);
        caller.require(Privilege.ASSETS_MANAGE);
        if (owner.type() == AccountType.CUSTOMER) {
            throw RuleViolationException.unprocessable(Problem.INVENTORY_OF_A_VENDOR,
                    "SIMs are kept in the inventory of a reseller or of the provider, which assigns them to customers.");
        }
        if (csv == null || csv.isBlank()) {
            throw new InvalidInputException("file", "must be a CSV file with a header row iccid,imsi,msisdn");
        }
        if (csv.length() > MAX_BYTES) {
            throw new InvalidInputException("file", "must be at most " + MAX_BYTES / 1024 / 1024 + " MB");
        }
        UUID id = UUID.randomUUID();
        String name = fileName == null || fileName.isBlank() ? null
                : fileName.length() > 255 ? fileName.substring(0, 255) : fileName;
        imports.insert(id, owner.id(), owner.path(), goodRows, csv, name, caller, clock.instant());
        jobs.runSoon(SimImportRunner.TASK.instance(id.toString()).build());
        return imports.find(id).orElseThrow();
    }

    public SimImportView get(Caller caller, UUID importId) {
        SimImportView found = imports.find(importId).filter(i -> caller.covers(i.ownerPath()))
                .orElseThrow(NotFoundException::new);
        caller.require(Privilege.ASSETS_READ);
        return found;
    }
}
