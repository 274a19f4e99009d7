package io.cascade.assets.internal;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.cascade.assets.api.SimImportView;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs an uploaded file's SIM import on the job engine (the one-time job {@code sim-import}, one execution per
 * import): the whole file is checked first, as a pasted import is ({@link SimImportCheck}); a bad row in mode
 * {@code ALL} rejects it with nothing written. Then its SIMs are written in batches of {@value #BATCH} rows in ONE
 * transaction — all or none, as the API's import — while the progress is committed on its own after each batch, so
 * that the panel sees it grow. The end (counts, bad rows, the audit event as the caller who started it) commits with
 * the SIMs. A failure (a number registered meanwhile by another import) rolls the SIMs back and records FAILED; a
 * node that dies midway leaves the execution to another, which starts the import again from its file.
 */
@Configuration(proxyBeanMethods = false)
public class SimImportRunner {
    public static final TaskDescriptor<Void> TASK = TaskDescriptor.of("sim-import");
    static final int BATCH = 1_000;
    private static final Logger log = LoggerFactory.getLogger(SimImportRunner.class);

    private final SimImports imports;
    private final SimImportCheck check;
    private final Assets assets;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final TransactionTemplate onItsOwn;

    SimImportRunner(SimImports imports, SimImportCheck check, Assets assets, AuditTrail audit, Clock clock,
                    PlatformTransactionManager transactions) {
        this.imports = imports;
        this.check = check;
        this.assets = assets;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.onItsOwn = new TransactionTemplate(transactions);
        this.onItsOwn.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Bean
    OneTimeTask<Void> simImportJob() {
        return Tasks.oneTime(TASK).onDeadExecutionRevive()
                .execute((instance, context) -> run(UUID.fromString(instance.getId())));
    }

    void run(UUID id) {
        try {
            transaction.executeWithoutResult(status -> runPending(id));
        } catch (RuntimeException e) {
            log.warn("SIM import {} failed; nothing was imported", id, e);
            onItsOwn.executeWithoutResult(status -> imports.finish(id, SimImportView.Status.FAILED, 0, 0, 0,
                    List.of(), "The import failed and nothing was imported: a SIM of the file was registered "
                            + "meanwhile, or the database refused it. Upload the file again.", clock.instant()));
        }
    }

    private void runPending(UUID id) {
        SimImports.Pending pending = imports.pending(id).orElse(null);
        if (pending == null) {
            return; // finished already (a second execution after a restart)
        }
        SimImportCheck.Checked checked;
        try {
            checked = check.check(pending.csv());
        } catch (InvalidInputException e) {
            imports.finish(id, SimImportView.Status.REJECTED, 0, 0, 0, List.of(), "Nothing was imported: the file "
                    + e.problems().stream().map(FieldProblem::message).collect(Collectors.joining("; ")) + ".",
                    clock.instant());
            return;
        }
        int rows = checked.rows();
        if (!checked.bad().isEmpty() && !pending.goodRows()) {
            imports.finish(id, SimImportView.Status.REJECTED, rows, 0, 0, checked.bad(), checked.bad().size()
                    + " problem(s) in " + checked.bad().stream().map(b -> b.line()).distinct().count() + " of " + rows
                    + " rows; nothing was imported.", clock.instant());
            return;
        }
        List<SimCsv.Row> good = checked.good();
        onItsOwn.executeWithoutResult(status -> imports.progress(id, rows, good.size(), 0));
        Instant now = clock.instant();
        int written = 0;
        for (int from = 0; from < good.size(); from += BATCH) {
            List<SimCsv.Row> batch = good.subList(from, Math.min(from + BATCH, good.size()));
            written += assets.insert(pending.ownerId(), pending.ownerPath(),
                    batch.stream().map(SimCsv.Row::iccid).toList(), batch.stream().map(SimCsv.Row::imsi).toList(),
                    batch.stream().map(SimCsv.Row::msisdn).toList(), now);
            int sofar = written;
            onItsOwn.executeWithoutResult(status -> imports.progress(id, rows, good.size(), sofar));
        }
        String mode = pending.goodRows() ? "GOOD_ROWS" : "ALL";
        imports.finish(id, SimImportView.Status.DONE, rows, good.size(), written, checked.bad(), null,
                clock.instant());
        if (written > 0) {
            audit.record(new AuditRecord(pending.caller(), pending.ownerId(), pending.ownerPath(), "asset.imported",
                    null, SimImportCheck.audited(mode, rows, written, checked.bad().size(), good)));
        }
    }
}
