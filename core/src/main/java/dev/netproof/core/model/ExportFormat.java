package dev.netproof.core.model;

/** The flow-export protocols netproof collects, each with the name it has in rows and answers. */
public enum ExportFormat {
    NETFLOW_V5("netflow_v5"),
    NETFLOW_V9("netflow_v9"),
    IPFIX("ipfix"),
    SFLOW_V5("sflow_v5");

    private final String label;

    ExportFormat(String label) {
        this.label = label;
    }

    /** The name in stored rows and answers, e.g. {@code netflow_v9}. */
    public String label() {
        return label;
    }
}
