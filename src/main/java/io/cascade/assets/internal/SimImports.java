package io.cascade.assets.internal;

import io.cascade.assets.api.ImportReport;
import io.cascade.assets.api.SimImportView;
import io.cascade.shared.Caller;
import io.cascade.shared.UserKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The {@code sim_import} table: an uploaded file's import, its progress and its outcome. */
@Repository
public class SimImports {
    private static final TypeReference<List<ImportReport.BadRow>> BAD_ROWS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, owner_id, owner_path, file_name, mode, status, total_rows, to_write, written_rows, imported,
            rejected::text AS rejected, message, created_at, finished_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<SimImportView> view;

    SimImports(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.view = (rs, n) -> new SimImportView(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
                rs.getString("file_name"), rs.getString("mode"), SimImportView.Status.valueOf(rs.getString("status")),
                rs.getInt("total_rows"), rs.getInt("to_write"), rs.getInt("written_rows"), rs.getInt("imported"),
                json.readValue(rs.getString("rejected"), BAD_ROWS), rs.getString("message"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                rs.getString("owner_path"));
    }

    /** What the job needs to run an import: the file, the inventory and the caller who started it. */
    public record Pending(UUID id, UUID ownerId, String ownerPath, boolean goodRows, String csv, Caller caller) {
    }

    public void insert(UUID id, UUID ownerId, String ownerPath, boolean goodRows, String csv, String fileName,
                       Caller caller, Instant now) {
        jdbc.sql("""
                        INSERT INTO sim_import (id, owner_id, owner_path, mode, status, csv, file_name, actor_user_id,
                                                actor_account_id, acting_account_id, acting_account_path,
                                                on_behalf_of_user_id, request_id, created_at)
                        VALUES (:id, :owner, :path, :mode, 'RUNNING', :csv, :file, :user, :home, :acting, :actingPath,
                                :onBehalfOfUser, :request, :now)""")
                .param("id", id).param("owner", ownerId).param("path", ownerPath)
                .param("mode", goodRows ? "GOOD_ROWS" : "ALL").param("csv", csv).param("file", fileName)
                .param("user", caller.userId()).param("home", caller.homeAccountId())
                .param("acting", caller.accountId()).param("actingPath", caller.accountPath())
                .param("onBehalfOfUser", caller.onBehalfOfUserId()).param("request", caller.requestId())
                .param("now", Timestamp.from(now)).update();
    }

    public Optional<SimImportView> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_import WHERE id = :id").param("id", id).query(view)
                .optional();
    }

    /** A RUNNING import with its file (the job engine runs one execution of an import at a time). */
    public Optional<Pending> pending(UUID id) {
        return jdbc.sql("""
                        SELECT id, owner_id, owner_path, mode, csv, actor_user_id, actor_account_id,
                               acting_account_id, acting_account_path, on_behalf_of_user_id, request_id
                        FROM sim_import WHERE id = :id AND status = 'RUNNING'""")
                .param("id", id)
                .query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
                        rs.getString("owner_path"), "GOOD_ROWS".equals(rs.getString("mode")), rs.getString("csv"),
                        new Caller(rs.getObject("actor_user_id", UUID.class), null,
                                rs.getObject("acting_account_id", UUID.class), rs.getString("acting_account_path"),
                                UserKind.STAFF, null, Set.of(), rs.getString("request_id"), null,
                                rs.getObject("actor_account_id", UUID.class),
                                rs.getObject("on_behalf_of_user_id", UUID.class))))
                .optional();
    }

    /** Progress, written and committed on its own while the import's own transaction goes on. */
    void progress(UUID id, int totalRows, int toWrite, int written) {
        jdbc.sql("""
                        UPDATE sim_import SET total_rows = :total, to_write = :toWrite, written_rows = :written
                        WHERE id = :id AND status = 'RUNNING'""")
                .param("total", totalRows).param("toWrite", toWrite).param("written", written).param("id", id)
                .update();
    }

    void finish(UUID id, SimImportView.Status status, int totalRows, int toWrite, int imported,
                List<ImportReport.BadRow> rejected, String message, Instant now) {
        jdbc.sql("""
                        UPDATE sim_import SET status = :status, total_rows = :total, to_write = :toWrite,
                               written_rows = :imported, imported = :imported, rejected = CAST(:rejected AS jsonb),
                               message = :message, csv = NULL, finished_at = :now
                        WHERE id = :id""")
                .param("status", status.name()).param("total", totalRows).param("toWrite", toWrite)
                .param("imported", imported).param("rejected", json.writeValueAsString(rejected))
                .param("message", message).param("now", Timestamp.from(now)).param("id", id).update();
    }
}
