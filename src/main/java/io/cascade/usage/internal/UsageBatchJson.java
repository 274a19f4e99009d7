package io.cascade.usage.internal;

import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.usage.api.UsageMetering;
import io.cascade.usage.api.UsageReceipt;
import io.cascade.usage.api.UsageRecord;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The REST edge's reading of a usage batch {@code {"records": [...]}} into typed {@link UsageRecord}s. A record that
 * is not an object or names a field a usage record does not have is refused here, by its position in the batch; a
 * value of the wrong type (a number as subscription id, a timestamp that does not parse) becomes a missing value,
 * which {@link UsageMetering#ingest} reports as a problem of that field. {@link #receipt} puts both refusals back in
 * the order of the batch.
 */
final class UsageBatchJson {
    private static final Set<String> FIELDS = Set.of("id", "subscriptionId", "resourceType", "quantity", "at");

    /** The records that reached the metering, each with its position in the batch, and those refused here. */
    record Read(List<UsageRecord> records, List<Integer> positions, List<UsageReceipt.Rejected> refused) {
    }

    private UsageBatchJson() {
    }

    static Read read(JsonNode body) {
        JsonNode records = body == null ? null : body.get("records");
        if (records == null || !records.isArray()) {
            throw new InvalidInputException("records", "must be an array of usage records");
        }
        for (String field : body.propertyNames()) {
            if (!field.equals("records")) {
                throw new InvalidInputException(field, "is not a field of a usage batch");
            }
        }
        if (records.size() > UsageMetering.MAX_BATCH) {
            throw new InvalidInputException("records", "at most " + UsageMetering.MAX_BATCH + " records per batch");
        }
        List<UsageRecord> read = new ArrayList<>(records.size());
        List<Integer> positions = new ArrayList<>(records.size());
        List<UsageReceipt.Rejected> refused = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (record == null || !record.isObject()) {
                refused.add(new UsageReceipt.Rejected(i, null, List.of(new FieldProblem("record", "must be an object"))));
                continue;
            }
            String id = text(record.get("id"));
            List<FieldProblem> unknown = new ArrayList<>();
            for (String field : record.propertyNames()) {
                if (!FIELDS.contains(field)) {
                    unknown.add(new FieldProblem(field, "is not a field of a usage record"));
                }
            }
            if (!unknown.isEmpty()) {
                refused.add(new UsageReceipt.Rejected(i, id, unknown));
                continue;
            }
            JsonNode quantity = record.get("quantity");
            read.add(new UsageRecord(id, uuid(record.get("subscriptionId")), text(record.get("resourceType")),
                    quantity != null && quantity.isNumber() ? quantity.decimalValue() : null,
                    instant(record.get("at"))));
            positions.add(i);
        }
        return new Read(read, positions, refused);
    }

    /** The metering's receipt with its positions mapped back to the batch and the records refused here added. */
    static UsageReceipt receipt(Read read, UsageReceipt metered) {
        List<UsageReceipt.Rejected> rejected = new ArrayList<>(read.refused());
        for (UsageReceipt.Rejected r : metered.rejected()) {
            rejected.add(new UsageReceipt.Rejected(read.positions().get(r.index()), r.id(), r.errors()));
        }
        rejected.sort(Comparator.comparingInt(UsageReceipt.Rejected::index));
        return new UsageReceipt(metered.accepted(), metered.duplicates(), rejected);
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }

    private static UUID uuid(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        Instant fast = IsoTimestamps.parse(text);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
