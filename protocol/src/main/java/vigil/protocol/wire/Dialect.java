package vigil.protocol.wire;

/**
 * Which form of the access replies a node used (PROTOCOL.md §8): {@code AR_} as the reference node
 * sends them, or {@code AH_} as the system's design documents name them.
 */
public enum Dialect {
    AR, AH
}
