package dev.netproof.store.tier;

import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.FlowUid;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dimension's key is each of its fields' text, in its order, joined by the separator. */
class DimensionTest {
    static Flow flow(String orig, String resp, int ipProto, int vlan) {
        return new Flow(1_300_000_000_123_456_789L, FlowUid.of(1_300_000_000_123_456_789L, 7919), IpAddress.parse(orig), 51515,
                IpAddress.parse(resp), 443, Transport.ofIpProto(ipProto), ipProto, 1_500_000_000L, 10, 20, "SF", "ShADadFf",
                3, 400, 4, 500, vlan, -1, CloseReason.FIN, "a.pcap", null, null, null);
    }

    @Test
    void everyFieldHasItsText() {
        Flow f = flow("10.1.2.3", "2001:db8::1", 6, 42);
        String all = String.join("+", Dimension.FIELDS);
        Dimension d = Dimension.parseList("every=" + all + ":10").getFirst();
        assertEquals("10.1.2.3|2001:db8::1|51515|443|tcp|6|42", d.key(f));
        assertEquals("", Dimension.parseList("v=vlan:1").getFirst().key(flow("10.1.2.3", "10.0.0.1", 17, -1)),
                "an untagged flow's VLAN is empty text");
        assertEquals("udp", Dimension.parseList("p=proto:1").getFirst().key(flow("10.1.2.3", "10.0.0.1", 17, -1)));
    }

    @Test
    void fieldsKeepTheOrderGivenAndShareValuesBetweenDimensions() {
        Flow f = flow("192.0.2.1", "198.51.100.7", 6, -1);
        List<Dimension> dims = Dimension.parseList("a=id.resp_p+id.resp_h:5,b=id.resp_h:5,c=id.orig_p+ip_proto:5");
        String[] values = new String[Dimension.FIELDS.size()];
        assertEquals("443|198.51.100.7", dims.get(0).key(f, values));
        assertEquals("198.51.100.7", values[Dimension.FIELDS.indexOf("id.resp_h")], "made once, kept for the next dimension");
        assertEquals("198.51.100.7", dims.get(1).key(f, values));
        assertEquals("51515|6", dims.get(2).key(f, values));
    }

    @Test
    void equalDimensionsAreEqualAndSpecRoundTrips() {
        Dimension a = new Dimension("service", List.of("id.resp_h", "id.resp_p"), 5000);
        assertEquals(a, new Dimension("service", List.of("id.resp_h", "id.resp_p"), 5000));
        assertEquals(a.hashCode(), new Dimension("service", List.of("id.resp_h", "id.resp_p"), 5000).hashCode());
        assertNotEquals(a, new Dimension("service", List.of("id.resp_p", "id.resp_h"), 5000));
        assertNotEquals(a, new Dimension("service", List.of("id.resp_h", "id.resp_p"), 5001));
        assertEquals(List.of(a), Dimension.parseList(a.spec()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dimension("x", List.of("id.orig_h", "bytes"), 5));
        assertTrue(e.getMessage().contains("unknown field 'bytes'"), e.getMessage());
    }
}
