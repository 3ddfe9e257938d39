package dev.netproof.packetstore.objects;

/**
 * The rule every object name follows, checked by every store, so a name can never leave its directory or prefix,
 * and means the same object in every store.
 */
public final class ObjectNames {
    /** Ends the names of files still being written; no object name does. */
    public static final String PARTIAL_SUFFIX = ".part";

    private ObjectNames() {}

    /** @throws IllegalArgumentException naming the fault when {@code name} is not a valid object name */
    public static String check(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("empty object name");
        if (name.length() > 512) throw new IllegalArgumentException("object name longer than 512 characters");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-' || c == '=' || c == '/';
            if (!ok) throw new IllegalArgumentException("object name " + name + " has a character outside [A-Za-z0-9._=/-]");
        }
        // reserved: a local store's files still being written (its own temporaries, a writer's spool files) end so,
        // and are left out of its listings; an object of such a name would be invisible there but not on S3
        if (name.endsWith(PARTIAL_SUFFIX)) throw new IllegalArgumentException("object name " + name + " ends in " + PARTIAL_SUFFIX);
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("object name " + name + " has an empty, . or .. part");
            }
        }
        return name;
    }
}
