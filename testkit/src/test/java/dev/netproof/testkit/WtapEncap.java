package dev.netproof.testkit;

import java.util.Map;

/** tshark reports link types as its own WTAP_ENCAP numbers; this maps the LINKTYPE_* numbers we write. */
final class WtapEncap {
    private static final Map<Integer, Integer> BY_LINKTYPE = Map.of(
            LinkTypes.NULL, 15, LinkTypes.ETHERNET, 1, LinkTypes.RAW, 7, LinkTypes.LOOP, 174,
            LinkTypes.LINUX_SLL, 25, LinkTypes.IPV4, 129, LinkTypes.IPV6, 130, LinkTypes.LINUX_SLL2, 210);

    private WtapEncap() {
    }

    static String of(int linkType) {
        Integer w = BY_LINKTYPE.get(linkType);
        if (w == null) throw new IllegalArgumentException("no WTAP_ENCAP known for LINKTYPE " + linkType);
        return Integer.toString(w);
    }
}
