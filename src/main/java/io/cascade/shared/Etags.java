package io.cascade.shared;

/** Strong entity tags built from a row's version counter, and the If-Match check for updates. */
public final class Etags {
    private Etags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Throws 412 when an If-Match header is present and names another version than {@code current}. */
    public static void checkIfMatch(String ifMatch, long current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals(of(current))) { // If-Match compares strongly: a weak tag never matches
                return;
            }
        }
        throw new PreconditionFailedException();
    }
}
