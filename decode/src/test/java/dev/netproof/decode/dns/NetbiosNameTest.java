package dev.netproof.decode.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NetbiosNameTest {
    @Test
    void firstLevelEncodedNamesAreDecodedAsZeekShowsThem() {
        // from the wikipedia capture, as Zeek's dns.log has them
        assertEquals("BRWC0CB383D1F42", NetbiosName.decode("ECFCFHEDDAEDECDDDIDDEEDBEGDEDCAA"));
        assertEquals("WORKGROUP", NetbiosName.decode("FHEPFCELEHFCEPFFFACACACACACACABN"));
        assertEquals("WORKGROUP", NetbiosName.decode("fhepfcelehfcepfffacacacacacacabn.scope.example"));
    }

    @Test
    void otherNamesStayAsTheyAre() {
        assertEquals("www.example.com", NetbiosName.decode("www.example.com"));
        assertEquals("ECFCFHEDDAEDECDDDIDDEEDBEGDEDCAZ", NetbiosName.decode("ECFCFHEDDAEDECDDDIDDEEDBEGDEDCAZ"));
        assertEquals(null, NetbiosName.decode(null));
    }
}
