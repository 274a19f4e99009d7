package io.cascade.shared;

/** The resource is in the caller's subtree but the caller lacks a privilege. */
public class ForbiddenException extends RuntimeException {
    private final Privilege privilege;

    public ForbiddenException(Privilege privilege) {
        super("This action needs the privilege " + privilege + ".", null, false, false);
        this.privilege = privilege;
    }

    public Privilege privilege() {
        return privilege;
    }

    /** Always {@link Problem#MISSING_PRIVILEGE}. */
    public Problem problem() {
        return Problem.MISSING_PRIVILEGE;
    }
}
