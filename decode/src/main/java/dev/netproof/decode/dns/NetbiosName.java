package dev.netproof.decode.dns;

/**
 * NetBIOS names as the NetBIOS name service (RFC 1002, UDP port 137) carries them in DNS-format
 * messages: 16 bytes, each split into two nibbles written as the letters {@code A}–{@code P}
 * ("first-level encoding", RFC 1001 §14.1), so {@code ECFCFHEDDA...} is {@code BRWC0...}. The 16th
 * byte is the service suffix and the name is padded with spaces; like Zeek's
 * {@code decode_netbios_name}, the decoded name stops at the first byte that is not a visible
 * character.
 */
public final class NetbiosName {
    private static final int ENCODED = 32;

    private NetbiosName() {
    }

    /** The decoded name, or {@code name} itself when its first label is not a first-level encoded NetBIOS name. */
    public static String decode(String name) {
        if (name == null) return null;
        int dot = name.indexOf('.');
        String label = dot < 0 ? name : name.substring(0, dot);
        if (label.length() != ENCODED) return name;
        StringBuilder out = new StringBuilder(16);
        boolean stopped = false;
        for (int i = 0; i < ENCODED; i += 2) {
            int hi = Character.toUpperCase(label.charAt(i)) - 'A', lo = Character.toUpperCase(label.charAt(i + 1)) - 'A';
            if (hi < 0 || hi > 15 || lo < 0 || lo > 15) return name;
            int c = hi << 4 | lo;
            if (!stopped && (c > 32 && c < 127 || c == 1 || c == 2)) out.append((char) c);
            else stopped = true;
        }
        return out.toString();
    }
}
