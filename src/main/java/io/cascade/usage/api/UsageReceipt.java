package io.cascade.usage.api;

import io.cascade.shared.FieldProblem;

import java.util.List;

/**
 * What became of a batch: how many records were stored, how many were seen before (and ignored), and each record
 * refused with its position in the batch and why.
 */
public record UsageReceipt(int accepted, int duplicates, List<Rejected> rejected) {

    public record Rejected(int index, String id, List<FieldProblem> errors) {
    }
}
